// tfjs's ReLU gradient (of the ReLU layer and of convolutions fused with ReLU)
// multiplies by step(x). tfjs-node computes step with six passes over the whole
// tensor (isNaN, greater, two fills, two selects): for v1 at batch 64 a profile
// put 153 of a 435 ms training step there. This replaces it, for the common
// case (alpha 0, float32), with two native ops: x > 0, cast to 0/1.
import { tf } from '@rings/ring-model';

type StepKernel = NonNullable<ReturnType<typeof tf.getKernel>>;

let installed = false;

/**
 * Replace tfjs-node's Step kernel with a faster one, for the whole process:
 * a set-up call that training entry points (the train and retrain CLIs, the
 * notebook, the benchmark) make once, before training. trainModel never makes
 * it; without it training is correct, only slower. Idempotent. The one
 * difference: a NaN input gives 0 instead of NaN (a NaN activation means the
 * loss is NaN already). Throws unless the native backend is active.
 */
export function useFastStepKernel(): void {
  if (installed) return;
  const original = tf.getKernel('Step', 'tensorflow') as StepKernel | undefined;
  if (!original || tf.getBackend() !== 'tensorflow') {
    throw new Error(
      `useFastStepKernel replaces a kernel of the native TensorFlow backend, but the backend is ${tf.getBackend()}: load @tensorflow/tfjs-node (see scripts/provision-tfjs.sh)`,
    );
  }
  tf.unregisterKernel('Step', 'tensorflow');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.Tensor;
      const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
      if (alpha !== 0 || x.dtype !== 'float32') return original.kernelFunc(args);
      return tf.tidy(() => tf.cast(tf.greater(x, 0), 'float32'));
    },
  });
  installed = true;
}

/** Whether useFastStepKernel has replaced the Step kernel in this process. */
export function isFastStepKernelInUse(): boolean {
  return installed;
}
