import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { ChartRequest } from './chart-requests';
import { ChartRenderError, renderCharts } from './render-charts';
import { writeChartFiles } from './write-chart-files';

const ACCENT = [0x24, 0x58, 0xc6]; // the predicted class's bar (specs/spec-parts.mjs)

/** How many pixels of a rectangle of the PNG match a test. */
async function countPixels(
  png: Buffer,
  test: (r: number, g: number, b: number) => boolean,
  area?: { top: number; height: number },
): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const from = (area?.top ?? 0) * info.width * 3;
  const to = area ? (area.top + area.height) * info.width * 3 : data.length;
  let count = 0;
  for (let i = from; i < to; i += 3) if (test(data[i], data[i + 1], data[i + 2])) count++;
  return count;
}

const near = (rgb: number[]) => (r: number, g: number, b: number) =>
  Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) < 30;
const dark = (r: number, g: number, b: number) => r + g + b < 200;

const probabilities: ChartRequest = {
  chart: 'probabilitiesSpec',
  args: [
    [
      { label: '0', probability: 0.1, predicted: false },
      { label: '1', probability: 0.9, predicted: true },
    ],
  ],
};

describe('renderCharts', () => {
  it('when a page chart is rendered, then the PNG is its SVG at the scale, mostly white, the predicted bar in the accent colour', async () => {
    const [chart] = await renderCharts([probabilities], { width: 300, scale: 2 });
    const svgWidth = Number(/width="(\d+)"/.exec(chart.svg)?.[1]);
    const meta = await sharp(chart.png).metadata();
    expect(chart.spec.width).toBe(300); // 'container' became the width asked for
    expect([meta.format, meta.width]).toEqual(['png', svgWidth * 2]);
    const total = (meta.width ?? 0) * (meta.height ?? 0);
    expect(await countPixels(chart.png, (r, g, b) => r + g + b > 750)).toBeGreaterThan(total / 2);
    // the 0.9 bar is about 150 x 60 CSS pixels: thousands of device pixels at scale 2
    expect(await countPixels(chart.png, near(ACCENT))).toBeGreaterThan(10_000);
    expect(chart.warnings).toEqual([]);
  });

  it('when a chart has a title, then its text is drawn in a font (the top band has ink)', async () => {
    const history = [1, 2, 3].map((epoch) => ({
      epoch,
      loss: 1 / epoch,
      accuracy: 1 - 1 / (epoch + 1),
      val_loss: 1.2 / epoch,
      val_accuracy: 0.9 - 1 / (epoch + 2),
      val_mae: 0.5 / epoch,
    }));
    const [chart] = await renderCharts([{ chart: 'learningCurvesSpec', args: [history, 'v1: curves'] }], {
      scale: 1,
    });
    expect(await countPixels(chart.png, dark, { top: 0, height: 22 })).toBeGreaterThan(40);
  });

  it('when a chart name is unknown, then ChartRenderError names it and the known ones', async () => {
    const unknown = { chart: 'pieSpec', args: [] } as unknown as ChartRequest;
    const failure = renderCharts([unknown]);
    await expect(failure).rejects.toThrow(ChartRenderError);
    await expect(failure).rejects.toThrow(/no chart named "pieSpec"; known: .*probabilitiesSpec/);
  });

  it('when chart files are written, then the PNG and its parseable spec lie side by side', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'charts-'));
    try {
      const [chart] = await renderCharts([probabilities]);
      const files = await writeChartFiles(chart, path.join(dir, 'plots'), 'probabilities');
      expect(files).toEqual(['probabilities.png', 'probabilities.vl.json']);
      expect((await sharp(path.join(dir, 'plots', files[0])).metadata()).format).toBe('png');
      const spec = JSON.parse(await fs.readFile(path.join(dir, 'plots', files[1]), 'utf8'));
      expect(spec).toEqual(chart.spec);
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
