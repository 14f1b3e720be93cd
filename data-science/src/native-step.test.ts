import { tf } from '@rings/ring-model';
import { useFastStepKernel } from './native-step';

describe('useFastStepKernel', () => {
  beforeAll(() => useFastStepKernel());

  it('when step is taken, then 1 above zero and 0 (or alpha, by the original kernel) at or below it', () => {
    const x = tf.tensor1d([-2, -0.5, 0, 1e-7, 3]);
    expect(Array.from(tf.step(x).dataSync())).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(tf.step(x, 0.25).dataSync())).toEqual([0.25, 0.25, 0.25, 1, 1]);
  });

  it('when ReLU is differentiated, then the gradient is dy above zero and 0 elsewhere, and nothing leaks', () => {
    useFastStepKernel(); // idempotent
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
