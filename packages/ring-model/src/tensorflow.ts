// The one place that loads TensorFlow. Everything in the project imports tf
// from here, so nothing can run on the slow pure-JS backend by accident.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2'; // TensorFlow's C++ info lines are noise here
// oneDNN's custom ops (on by default in TF 2.21 on CPUs with AVX-512 VNNI/BF16)
// gave a convolution gradient the wrong shape under tfjs-node ("Incompatible
// shapes: [32,2,2,32] vs. [64]" while training); the standard kernels are right.
// Set TF_ENABLE_ONEDNN_OPTS=1 to try them again.
process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';

import * as tf from '@tensorflow/tfjs-node';

/** Thrown when native TensorFlow is not the active backend. */
export class NativeTensorflowError extends Error {
  readonly code = 'NATIVE_TENSORFLOW_MISSING';
}

/** Throws unless the active backend is the native 'tensorflow' one. */
export function assertNativeBackend(): void {
  const backend = tf.getBackend();
  if (backend !== 'tensorflow') {
    throw new NativeTensorflowError(
      `TensorFlow backend is '${backend}', not 'tensorflow'; run 'npm run setup' (see README, Offline TensorFlow install)`,
    );
  }
}

/** Versions for logs, MLflow tags and benchmark reports. */
export function describeTensorflow(): { backend: string; tfjsNode: string; libtensorflow: string } {
  const backend = tf.getBackend();
  const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
  return { backend, tfjsNode: tf.version['tfjs-node'], libtensorflow: binding?.TF_Version ?? 'n/a' };
}

export { tf };
