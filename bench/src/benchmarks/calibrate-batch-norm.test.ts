import { tf } from '@rings/ring-model';
import { calibrateBatchNorm } from './calibrate-batch-norm';

const SIZE = 24;

/** v3's pattern at toy size: strided conv, then separable convolutions, each with batch norm and ReLU. */
function buildSeparableModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [SIZE, SIZE, 1] }));
  const init = (seed: number) => tf.initializers.heNormal({ seed });
  model.add(
    tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, useBias: false, kernelInitializer: init(1) }),
  );
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.reLU());
  for (const [i, filters] of [32, 32, 64, 64].entries()) {
    model.add(
      tf.layers.separableConv2d({
        filters,
        kernelSize: 3,
        padding: 'same',
        useBias: false,
        depthwiseInitializer: init(10 + i),
        pointwiseInitializer: init(20 + i),
      }),
    );
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.reLU());
  }
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(30) }));
  return model;
}

/** Largest difference between the predictions for the first and every other image. */
function outputSpread(model: tf.LayersModel, x: tf.Tensor4D): number {
  return tf.tidy(() => {
    const p = model.predict(x) as tf.Tensor2D;
    return p
      .sub(p.slice([0, 0], [1, -1]))
      .abs()
      .max()
      .dataSync()[0];
  });
}

describe('calibrateBatchNorm', () => {
  const x = tf.randomUniform([4, SIZE, SIZE, 1], 0, 1, 'float32', 7) as tf.Tensor4D;
  afterAll(() => x.dispose());

  it('when an untrained separable model is calibrated, then its output depends on the image again', () => {
    const model = buildSeparableModel();
    try {
      expect(outputSpread(model, x)).toBeLessThan(1e-3);
      calibrateBatchNorm(model, x);
      expect(outputSpread(model, x)).toBeGreaterThan(1e-2);
    } finally {
      model.dispose();
    }
  });

  it('when calibrated, then every batch norm outputs mean 0 and variance 1 per channel on the images', () => {
    const model = buildSeparableModel();
    try {
      calibrateBatchNorm(model, x);
      const norms = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
      const probe = tf.model({
        inputs: model.inputs,
        outputs: norms.map((l) => l.output as tf.SymbolicTensor),
      });
      const outputs = probe.predict(x) as tf.Tensor[];
      for (const out of outputs) {
        const { mean, variance } = tf.moments(out, [0, 1, 2]);
        expect(mean.abs().max().dataSync()[0]).toBeLessThan(1e-3);
        // variance / (variance + epsilon): at most 1, close to it unless a channel is nearly constant
        expect(variance.max().dataSync()[0]).toBeLessThan(1.0001);
        expect(variance.mean().dataSync()[0]).toBeGreaterThan(0.9);
        tf.dispose([mean, variance]);
      }
      tf.dispose(outputs);
    } finally {
      model.dispose();
    }
  });

  it('when calibrated, then no tensor is left behind', () => {
    const model = buildSeparableModel();
    try {
      const before = tf.memory().numTensors;
      calibrateBatchNorm(model, x);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
