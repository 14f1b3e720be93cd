import { tf } from '@rings/ring-model';
import { buildModel } from './model';
import { isFastStepKernelInUse, useFastStepKernel } from './native-step';
import { trainModel } from './train';

// Jest gives each test file its own module registry and global, so the kernel
// registry here starts as tfjs-node registers it.
const stepKernel = () => tf.getKernel('Step', 'tensorflow')?.kernelFunc;

function tinyData() {
  const split = () => ({
    records: [],
    xs: tf.randomUniform([8, 16, 16, 1], 0, 1, 'float32', 1) as tf.Tensor4D,
    ys: tf.oneHot(tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32'), 2).toFloat() as tf.Tensor2D,
    classes: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
    pixels: undefined,
  });
  return { train: split(), validation: split(), numClasses: 2 };
}

describe('useFastStepKernel', () => {
  it('when a library trains without asking, then the Step kernel stays the one tfjs-node registered', async () => {
    const original = stepKernel();
    const model = buildModel({ architecture: 'v1', imageSize: 16, numClasses: 2 });
    const data = tinyData();
    await trainModel(model, data, { epochs: 1, batchSize: 8, augment: false });
    expect(stepKernel()).toBe(original);
    expect(isFastStepKernelInUse()).toBe(false);
    model.dispose();
    tf.dispose([data.train.xs, data.train.ys, data.validation.xs, data.validation.ys]);
  });

  it('when the backend is not the native one, then it refuses with how to fix it', async () => {
    const native = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      expect(() => useFastStepKernel()).toThrow(/native TensorFlow backend.*backend is cpu/);
      expect(isFastStepKernelInUse()).toBe(false);
    } finally {
      await tf.setBackend(native);
    }
  });

  it('when an entry point asks, then the kernel is replaced once and says so', () => {
    const original = stepKernel();
    useFastStepKernel();
    const replaced = stepKernel();
    expect(replaced).not.toBe(original);
    useFastStepKernel(); // idempotent
    expect(stepKernel()).toBe(replaced);
    expect(isFastStepKernelInUse()).toBe(true);
  });

  it('when step is taken, then 1 above zero and 0 (or alpha, by the original kernel) at or below it', () => {
    const x = tf.tensor1d([-2, -0.5, 0, 1e-7, 3]);
    expect(Array.from(tf.step(x).dataSync())).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(tf.step(x, 0.25).dataSync())).toEqual([0.25, 0.25, 0.25, 1, 1]);
  });

  it('when ReLU is differentiated, then the gradient is dy above zero and 0 elsewhere, and nothing leaks', () => {
    const x = tf.tensor2d([
      [-1, 2],
      [0.5, -3],
    ]);
    const before = tf.memory().numTensors;
    const grad = tf.grad((t: tf.Tensor) =>
      tf.sum(
        tf.mul(
          tf.relu(t),
          tf.tensor2d([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    )(x);
    expect(Array.from(grad.dataSync())).toEqual([0, 2, 3, 0]);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
