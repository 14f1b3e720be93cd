import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { baselineFromObservations, type InputStats } from '@rings/ring-model';
import { LiveMonitor } from '../live/live-monitor';
import { buildMonitoringReport } from '../report/build-report';
import { ReportChartError, drawReportChart } from './draw-report-chart';

function stats(i: number, scale: number): InputStats {
  const u = ((i * 37) % 101) / 101;
  return {
    ink_fraction: 0.05 * (1 + u) * scale,
    mean_intensity: 0.02 * (1 + u) * scale,
    bbox_area: 0.4 * (0.5 + u) * scale,
    ink_density: 0.1 * (1 + u),
    stroke_width: (1 + u) * scale,
    components: Math.round(1 + 5 * u),
  };
}

function report() {
  const record = (i: number, scale: number) => ({
    type: 'prediction' as const,
    request_id: `r${i}`,
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    model_version: 'v1',
    class: i % 5,
    confidence: 0.5 + 0.5 * (((i * 53) % 97) / 97),
    num_classes: 7,
    stats: stats(i, scale),
  });
  const validation = Array.from({ length: 300 }, (_, i) => record(i + 1000, 1));
  const baseline = baselineFromObservations(
    validation,
    validation.map((r) => r.stats),
    { numClasses: 7 },
  );
  const monitor = new LiveMonitor();
  for (let i = 0; i < 80; i++) monitor.recordPrediction(record(i, 1.5));
  return buildMonitoringReport(monitor, { modelVersion: 'v1', baseline });
}

const ACCENT = [0x24, 0x58, 0xc6]; // live bars (packages/charts/specs/spec-parts.mjs)
const BASELINE = [0x9a, 0xa3, 0xb2]; // training baseline bars
const CLI = path.resolve(__dirname, '../../../dist/monitoring/chart/chart-cli.js');

/** How many pixels of a PNG are within a small distance of a colour. */
async function pixelsNear(png: string, rgb: number[]): Promise<number> {
  const { data } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let i = 0; i < data.length; i += 3) {
    const distance =
      Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]);
    if (distance < 30) count++;
  }
  return count;
}

describe('monitoring chart', () => {
  let dir: string;
  let saved: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chart-'));
    saved = path.join(dir, 'report.json');
    await fs.writeFile(saved, JSON.stringify(report()));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('when a drifted report is drawn as its spec, then one panel per statistic with its level, the verdict in the title', async () => {
    const out = path.join(dir, 'chart.vl.json');
    await drawReportChart({ report: saved, out });
    const spec = JSON.parse(await fs.readFile(out, 'utf8'));
    const titles = spec.concat.map((panel: { title: { text: string } }) => panel.title.text);
    expect(titles).toHaveLength(8);
    expect(titles).toEqual(expect.arrayContaining(['predicted_class: ok', 'stroke_width: alert']));
    expect(spec.title.text).toContain('retraining recommended');
  });

  it('when written from a saved report, then a PNG with the baseline and the live bars in their colours', async () => {
    const out = path.join(dir, 'nested', 'chart.png');
    const result = await drawReportChart({ report: saved, out });
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(2000); // four panels a row, at twice the CSS size
    expect(result.bytes).toBeGreaterThan(20_000);
    expect(await pixelsNear(out, BASELINE)).toBeGreaterThan(5_000);
    expect(await pixelsNear(out, ACCENT)).toBeGreaterThan(5_000);
  });

  it('when the file is not a monitoring report, then ReportChartError says so', async () => {
    await fs.writeFile(path.join(dir, 'x.json'), '{"hello": 1}');
    await expect(
      drawReportChart({ report: path.join(dir, 'x.json'), out: path.join(dir, 'c.png') }),
    ).rejects.toThrow(ReportChartError);
  });

  it('when the built CLI is run on a saved report, then it writes the PNG and says where', async () => {
    expect([CLI, existsSync(CLI)]).toEqual([CLI, true]); // built by npm test's build step (npx tsc -b)
    const out = path.join(dir, 'cli.png');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [CLI, '--report', saved, '--out', out], (err, text) =>
        err ? reject(err) : resolve(text),
      ),
    );
    expect(stdout).toMatch(/^wrote .*cli\.png \(\d+ bytes\)/);
    expect((await sharp(out).metadata()).format).toBe('png');
  });
});
