import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { baselineFromObservations, type InputStats } from '@rings/ring-model';
import { LiveMonitor } from '../live/live-monitor';
import { buildMonitoringReport } from '../report/build-report';
import { ReportChartError, drawReportChart } from './draw-report-chart';
import { reportChartSvg } from './report-chart';

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

describe('report chart', () => {
  it('when a drifted report is drawn, then there is one panel per statistic with its level', () => {
    const svg = reportChartSvg(report());
    expect(svg.match(/<g transform=/g)).toHaveLength(8);
    expect(svg).toContain('retraining recommended');
    expect(svg).toMatch(/stroke_width<\/text>\s*<text[^>]*>alert</);
  });

  it('when written from a saved report, then the PNG has the SVG size', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chart-'));
    try {
      await fs.writeFile(path.join(dir, 'report.json'), JSON.stringify(report()));
      const out = path.join(dir, 'nested', 'chart.png');
      const result = await drawReportChart({ report: path.join(dir, 'report.json'), out });
      const meta = await sharp(out).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1250, 550]);
      expect(result.bytes).toBeGreaterThan(5000);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('when the file is not a monitoring report, then ReportChartError says so', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chart-'));
    try {
      await fs.writeFile(path.join(dir, 'x.json'), '{"hello": 1}');
      await expect(
        drawReportChart({ report: path.join(dir, 'x.json'), out: path.join(dir, 'c.png') }),
      ).rejects.toThrow(ReportChartError);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
