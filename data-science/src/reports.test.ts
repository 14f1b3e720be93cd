import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { scoreProbabilities, type EvaluationReport } from './evaluate';
import { writeReports } from './reports';
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

/** Six test images over three classes, two of them wrong. */
function evaluation(): EvaluationReport {
  const oneHot = (k: number) => [0, 1, 2].map((c) => (c === k ? 0.8 : 0.1));
  const predicted = [0, 0, 1, 2, 2, 2];
  const truth = [0, 1, 1, 2, 2, 0];
  const metrics = scoreProbabilities(new Float32Array(predicted.flatMap(oneHot)), truth, 3);
  return { ...metrics, labels: ['0', '1', '2+'], by_source: { nci: metrics } };
}

const readJson = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8'));

describe('writeReports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-reports-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('when a run is reported, then every plot is a PNG with the Vega-Lite spec that drew it', async () => {
    const files = await writeReports(dir, {
      version: 'v9',
      evaluation: evaluation(),
      history: [1, 2, 3].map(epoch),
    });
    const plots = ['learning-curves', 'confusion-matrix', 'confusion-matrix-nci'];
    expect(files.sort()).toEqual(
      [
        'evaluation.json',
        'history.json',
        ...plots.flatMap((p) => [`plots/${p}.png`, `plots/${p}.vl.json`]),
      ].sort(),
    );
    for (const plot of plots) {
      expect((await sharp(path.join(dir, 'plots', `${plot}.png`)).metadata()).format).toBe('png');
      expect((await readJson(path.join(dir, 'plots', `${plot}.vl.json`))).$schema).toMatch(/vega-lite\/v6/);
    }
  });

  it('when the confusion matrix is drawn, then its spec holds every count and its title the scores', async () => {
    const spec = await readJson(path.join(dir, 'plots', 'confusion-matrix.vl.json'));
    const counts = spec.data.values.map((v: { true: string; predicted: string; count: number }) => [
      v.true,
      v.predicted,
      v.count,
    ]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['0', '0', 1],
        ['0', '2+', 1],
        ['1', '0', 1],
        ['2+', '2+', 2],
      ]),
    );
    expect(counts).toHaveLength(9);
    expect(spec.title).toBe('v9, all test images: accuracy 0.667, MAE 0.500');
  });

  it('when the learning curves are drawn, then there is a line per panel and series, and the PNG has them in colour', async () => {
    const spec = await readJson(path.join(dir, 'plots', 'learning-curves.vl.json'));
    const lines = new Set(
      spec.data.values.map((v: { panel: string; series: string }) => `${v.panel}/${v.series}`),
    );
    expect([...lines].sort()).toEqual([
      'accuracy/train',
      'accuracy/validation',
      'loss/train',
      'loss/validation',
      'validation MAE (rings)/validation',
    ]);
    const { data } = await sharp(path.join(dir, 'plots', 'learning-curves.png'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    let blue = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += 3) {
      if (data[i + 2] > data[i] + 80) blue++;
      if (data[i] > data[i + 2] + 80) red++;
    }
    expect(blue).toBeGreaterThan(500); // the train lines
    expect(red).toBeGreaterThan(500); // the validation lines
  });
});
