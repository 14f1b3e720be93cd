import { assertNativeBackend, describeTensorflow, tf } from './tensorflow';

describe('native TensorFlow', () => {
  it('when the package loads, then the backend is the native tensorflow one', () => {
    expect(() => assertNativeBackend()).not.toThrow();
    const facts = describeTensorflow();
    expect(facts.backend).toBe('tensorflow');
    expect(facts.tfjsNode).toBe('4.22.0');
    expect(facts.libtensorflow).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('when a tiny CNN is fitted for two epochs, then its loss goes down and no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const optimizer = tf.train.adam(0.05);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    // -1 and +1 images: each filter's ReLU is open for one of them whatever its random weights
    // (with 0 and 1, all four filters closed on 1 left nothing to learn about 1 time in 16).
    const xs = tf.tidy(() => tf.concat([tf.ones([16, 8, 8, 1]).neg(), tf.ones([16, 8, 8, 1])]));
    const ys = tf.tidy(() =>
      tf.oneHot(tf.tensor1d([...Array(16).fill(0), ...Array(16).fill(1)], 'int32'), 2),
    );
    const history = await model.fit(xs, ys, { epochs: 8, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    tf.dispose([xs, ys]);
    model.dispose();
    optimizer.dispose(); // Adam keeps its moment estimates as variables
    expect(tf.memory().numTensors).toBe(before);
  });
});
