import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { confusionMatrixSvg, imageGridPng, learningCurvesSvg, writePng } from './plots';
import type { EpochLog } from './train';

const epoch = (n: number): EpochLog => ({
  epoch: n,
  loss: 1 / n,
  accuracy: 1 - 1 / (n + 1),
  val_loss: 1.2 / n,
  val_accuracy: 0.9 - 1 / (n + 2),
  val_mae: 0.5 / n,
  learning_rate: 0.001,
  seconds: 1,
  images_per_second: 100,
});

describe('plots', () => {
  it('when learning curves are drawn, then there is one line per series and the PNG renders', async () => {
    const svg = learningCurvesSvg([1, 2, 3].map(epoch), 'v1 <test>');
    expect(svg.match(/<polyline /g)).toHaveLength(5);
    expect(svg).toContain('v1 &lt;test&gt;');
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'ring-plots-')), 'curves.png');
    await writePng(svg, file);
    expect(await sharp(file).metadata()).toMatchObject({ format: 'png', width: 940, height: 310 });
    await fs.rm(path.dirname(file), { recursive: true });
  });

  it('when a confusion matrix is drawn, then every cell shows its count', () => {
    const svg = confusionMatrixSvg(
      [
        [5, 1],
        [2, 7],
      ],
      ['0', '1+'],
      'matrix',
    );
    const counts = [...svg.matchAll(/>(\d+)<\/text>/g)].map((m) => m[1]);
    expect(counts).toEqual(expect.arrayContaining(['5', '1', '2', '7']));
    expect(svg).toContain('>1+</text>');
  });
});

describe('imageGridPng', () => {
  it('when images are laid out, then the PNG has one captioned cell per image, ink dark on white', async () => {
    const pixels = new Float32Array(3 * 16 * 16);
    pixels.fill(1, 0, 16 * 16); // the first image is all ink
    const png = await imageGridPng(pixels, 16, ['3 rings', '0', '1'], 2);
    const image = sharp(png);
    expect(await image.metadata()).toMatchObject({ format: 'png', width: 2 * 24, height: 2 * 38 });
    const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(data[(4 + 8) * info.width + 4 + 8]).toBeLessThan(10);
    expect(data[(4 + 8) * info.width + 24 + 4 + 8]).toBeGreaterThan(245);
  });
});
