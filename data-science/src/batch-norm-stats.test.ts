import { tf } from '@rings/ring-model';
import { recalibrateBatchNorm } from './batch-norm-stats';
import { nativeBatchNormalization } from './native-batch-norm';

function batchNormOnly(): { model: tf.Sequential; layer: tf.layers.Layer } {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [4, 4, 2] }));
  const layer = nativeBatchNormalization();
  model.add(layer);
  return { model, layer };
}

describe('recalibrateBatchNorm', () => {
  it('when images have mean 3 and variance 4, then the moving statistics become those, and nothing leaks', () => {
    const { model, layer } = batchNormOnly();
    const images = tf.randomNormal([640, 4, 4, 2], 3, 2, 'float32', 1) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    expect(recalibrateBatchNorm(model, images, { batches: 10, batchSize: 64 })).toBe(640);
    expect(tf.memory().numTensors).toBe(before);
    const [, , mean, variance] = layer.getWeights();
    for (const m of mean.dataSync()) expect(m).toBeCloseTo(3, 1);
    for (const v of variance.dataSync()) expect(Math.abs(v - 4)).toBeLessThan(0.25);
    expect((layer as unknown as { momentum: number }).momentum).toBe(0.99);
    tf.dispose([images]);
    model.dispose();
  });

  it('when the images are sorted, then the batches still sample all of them', () => {
    const { model, layer } = batchNormOnly();
    // First half all 0, second half all 10: contiguous batches would see only zeros.
    const images = tf.concat([tf.zeros([512, 4, 4, 2]), tf.fill([512, 4, 4, 2], 10)]) as tf.Tensor4D;
    recalibrateBatchNorm(model, images, { batches: 2, batchSize: 64 });
    for (const m of layer.getWeights()[2].dataSync()) expect(m).toBeCloseTo(5, 3);
    tf.dispose([images]);
    model.dispose();
  });

  it('when a model has no batch norm, then nothing is done', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(recalibrateBatchNorm(model, tf.zeros([8, 2, 2, 1]) as tf.Tensor4D)).toBe(0);
    model.dispose();
  });
});
