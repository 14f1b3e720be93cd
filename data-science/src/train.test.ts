import { promises as fs } from 'node:fs';
import { tf } from '@rings/ring-model';
import { makeRingFixture } from './__tests__/ring-fixture';
import type { BatchProgress } from './batch-progress';
import { loadTrainingData, type TrainingData } from './data';
import { recalibrateBatchNorm } from './batch-norm-stats';
import { buildModel } from './model';
import { classWeights, epochTensors, trainModel, type EpochLog } from './train';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(60_000);

describe('trainModel', () => {
  let dir: string;
  let data: TrainingData;
  beforeAll(async () => {
    dir = await makeRingFixture({ perClass: 8, maxRings: 3 });
    data = await loadTrainingData({ dataDirs: [dir], imageSize: 32, numClasses: 4 });
  });
  afterAll(async () => {
    data.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('when fitted for two epochs, then the callback sees both epochs with finite metrics and no tensor leaks', async () => {
    const model = buildModel({ architecture: 'v1', imageSize: 32, numClasses: 4 });
    const before = tf.memory().numTensors;
    const seen: EpochLog[] = [];
    const onEpochEnd = (e: EpochLog) => {
      seen.push(e);
    };
    const result = await trainModel(
      model,
      data,
      { epochs: 2, batchSize: 8, augmentChunk: 10 },
      { onEpochEnd },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(seen.map((e) => e.epoch)).toEqual([1, 2]);
    expect(result.history).toEqual(seen);
    for (const e of seen) {
      for (const key of [
        'loss',
        'accuracy',
        'val_loss',
        'val_accuracy',
        'val_mae',
        'images_per_second',
      ] as const) {
        expect(Number.isFinite(e[key])).toBe(true);
      }
    }
    expect(seen[1].learning_rate).toBeLessThan(seen[0].learning_rate);
    expect(result.imagesPerSecond).toBeGreaterThan(0);
    model.dispose();
  });

  it('when fitted, then every batch of every epoch is reported in order with where the epoch stands', async () => {
    const model = buildModel({ architecture: 'v1', imageSize: 32, numClasses: 4 });
    const seen: BatchProgress[] = [];
    await trainModel(model, data, { epochs: 2, batchSize: 8 }, { onBatchEnd: (p) => seen.push(p) });
    const images = data.train.classes.length;
    const batches = Math.ceil(images / 8);
    const expected = [1, 2].flatMap((epoch) => Array.from({ length: batches }, (_, b) => [epoch, b + 1]));
    expect(seen.map((p) => [p.epoch, p.batch])).toEqual(expected);
    for (const p of seen) {
      expect(p).toMatchObject({
        epochs: 2,
        batches,
        epochImages: images,
        images: Math.min(p.batch * 8, images),
      });
      expect(p.seconds).toBeGreaterThan(0);
    }
    expect(seen[batches - 1].seconds).toBeGreaterThan(seen[0].seconds);
    model.dispose();
  });

  it('when v2 is fitted, then it trains too (batch norm in training mode)', async () => {
    const model = buildModel({ architecture: 'v2', imageSize: 32, numClasses: 4 });
    const result = await trainModel(model, data, { epochs: 1, batchSize: 16, classWeight: 'sqrt' });
    expect(Number.isFinite(result.history[0].val_loss)).toBe(true);
    model.dispose();
  });

  it("when fitted with augmentation, then the batch norm statistics are the epoch's augmented images', not the clean ones'", async () => {
    const model = buildModel({ architecture: 'v2', imageSize: 32, numClasses: 4 });
    const options = {
      epochs: 1,
      batchSize: 8,
      seed: 3,
      augment: { strokeJitter: 1, scaleJitter: 0.3 },
      augmentChunk: 10,
    };
    await trainModel(model, data, options);
    const batchNorm = model.layers.find((l) => l.getClassName() === 'BatchNormalization');
    const movingMean = () => Float32Array.from(batchNorm?.getWeights()[2].dataSync() ?? []);
    const exported = movingMean();
    const epoch = epochTensors(data.train, options.seed * 1000 + 1, options);
    recalibrateBatchNorm(model, epoch.xs, { batchSize: options.batchSize });
    const fromAugmented = movingMean();
    recalibrateBatchNorm(model, data.train.xs, { batchSize: options.batchSize });
    const fromClean = movingMean();
    tf.dispose([epoch.xs, epoch.ys]);
    model.dispose();
    const largestDifference = (a: Float32Array, b: Float32Array) =>
      Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    expect(exported.length).toBeGreaterThan(0);
    expect(largestDifference(exported, fromAugmented)).toBeLessThan(1e-5);
    expect(largestDifference(exported, fromClean)).toBeGreaterThan(1e-3);
  });

  it('when the signal aborts during an epoch, then training stops there and says INTERRUPTED', async () => {
    const model = buildModel({ architecture: 'v1', imageSize: 32, numClasses: 4 });
    const before = tf.memory().numTensors;
    const interrupt = new AbortController();
    const epochs: number[] = [];
    const onEpochEnd = (e: EpochLog) => {
      epochs.push(e.epoch);
      if (e.epoch === 1) setImmediate(() => interrupt.abort());
    };
    await expect(
      trainModel(model, data, { epochs: 50, batchSize: 4 }, { onEpochEnd, signal: interrupt.signal }),
    ).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(epochs.length).toBeLessThan(5);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('when options are invalid, then every bad field is named', async () => {
    const model = buildModel({ architecture: 'v1', imageSize: 32, numClasses: 4 });
    await expect(trainModel(model, data, { epochs: 0, batchSize: -1 })).rejects.toThrow(
      /epochs: .*\n.*batchSize/,
    );
    model.dispose();
  });
});

describe('epochTensors', () => {
  it('when an epoch is shuffled and augmented in chunks, then every image keeps its label', async () => {
    // Image i is filled with the value of its class, so the pairing is visible after shuffling.
    const classes = Int32Array.from({ length: 25 }, (_, i) => i % 5);
    const xs = tf.tidy(
      () => tf.tensor1d(Float32Array.from(classes)).reshape([25, 1, 1, 1]).tile([1, 6, 6, 1]) as tf.Tensor4D,
    );
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(classes, 'int32'), 5).toFloat() as tf.Tensor2D);
    const epoch = epochTensors({ xs, ys, classes }, 11, { augment: { scaleJitter: 0 }, augmentChunk: 7 });
    expect(epoch.xs.shape).toEqual([25, 6, 6, 1]);
    expect(epoch.ys.shape).toEqual([25, 5]);
    const pixel = await tf.tidy(() => epoch.xs.slice([0, 3, 3, 0], [25, 1, 1, 1]).reshape([25])).data();
    const label = await tf.tidy(() => epoch.ys.argMax(1)).data();
    expect(Array.from(pixel)).toEqual(Array.from(label));
    expect(Array.from(label)).not.toEqual(Array.from(classes));
    tf.dispose([xs, ys, epoch.xs, epoch.ys]);
  });
});

describe('classWeights', () => {
  // Four images of class 0, one of class 1, none of class 2 (which keeps weight 1).
  const classes = Int32Array.from([0, 0, 0, 0, 1]);
  it.each([
    { mode: 'none' as const, expected: undefined },
    { mode: 'balanced' as const, expected: { 0: 5 / 12, 1: 5 / 3, 2: 1 } },
    { mode: 'sqrt' as const, expected: { 0: Math.sqrt(5 / 12), 1: Math.sqrt(5 / 3), 2: 1 } },
  ])('when the mode is $mode, then the weights are $expected', ({ mode, expected }) => {
    const weights = classWeights(classes, 3, mode);
    if (expected === undefined) return expect(weights).toBeUndefined();
    for (const [k, v] of Object.entries(expected)) expect(weights?.[Number(k)]).toBeCloseTo(v, 10);
  });
});
