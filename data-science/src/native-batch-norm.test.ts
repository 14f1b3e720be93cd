import { tf } from '@rings/ring-model';
import { fusedBatchNormTraining, nativeBatchNormalization } from './native-batch-norm';

describe('native batch normalization', () => {
  it('when differentiated, then values and gradients equal tfjs batch norm on batch statistics', () => {
    const x = tf.randomNormal([6, 5, 5, 3], 1, 2, 'float32', 1) as tf.Tensor4D;
    const weights = tf.randomNormal([6, 5, 5, 3], 0, 1, 'float32', 2);
    const gamma = tf.tensor1d([1.5, 0.5, 2]);
    const beta = tf.tensor1d([0.1, -0.2, 0.3]);
    const reference = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const m = tf.moments(a, [0, 1, 2]);
      return tf
        .batchNorm(a, m.mean, m.variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3)
        .mul(weights)
        .sum();
    };
    const native = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const out = fusedBatchNormTraining(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3);
      tf.dispose([out.mean, out.variance]);
      return out.y.mul(weights).sum();
    };
    const expected = tf.grads(reference)([x, gamma, beta]);
    const actual = tf.grads(native)([x, gamma, beta]);
    expected.forEach((e, i) => {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(e, actual[i]))).dataSync()[0]);
      expect(diff).toBeLessThan(1e-5);
    });
    tf.dispose([x, weights, gamma, beta, ...expected, ...actual]);
  });

  it('when a model with it is fitted, then moving statistics move, nothing leaks and it serializes as BatchNormalization', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.inputLayer({ inputShape: [4, 4, 2] }),
        nativeBatchNormalization(),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const optimizer = tf.train.sgd(0.1);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const xs = tf.randomNormal([16, 4, 4, 2], 3, 1, 'float32', 3);
    const ys = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 2),
        'int32',
      ),
      2,
    );
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const layer = model.layers.find((l) => l.name.startsWith('batch_normalization'));
    expect(layer?.getClassName()).toBe('BatchNormalization');
    // Inputs have mean 3: the moving mean starts at 0 and moves towards it.
    const movingMean = layer?.getWeights()[2] ?? tf.zeros([1]);
    expect(tf.tidy(() => movingMean.mean().dataSync()[0])).toBeGreaterThan(0.1);
    expect(JSON.stringify(model.toJSON(null, false))).toContain('"class_name":"BatchNormalization"');
    tf.dispose([xs, ys]);
    optimizer.dispose();
    model.dispose();
  });
});
