// Batch normalization whose training step runs TensorFlow's fused kernels
// (FusedBatchNormV3 and FusedBatchNormGradV3) instead of tfjs's gradient,
// which is a dozen separate element-wise passes per layer: v2 trains about
// 1.5x faster with it. It serializes as a plain BatchNormalization layer (same
// class name, config and weights), so saved models load anywhere; inference
// uses the standard path, which is already one native op.
import { tf } from '@rings/ring-model';

type BatchNormArgs = Parameters<typeof tf.layers.batchNormalization>[0];
type BatchNormLayer = ReturnType<typeof tf.layers.batchNormalization>;
type Kwargs = Parameters<BatchNormLayer['call']>[1];

// tfjs declares these private; the subclass reads them through this view.
interface BatchNormInternals {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: { read(): tf.Tensor1D } | undefined;
  beta: { read(): tf.Tensor1D } | undefined;
  movingMean: { read(): tf.Tensor1D; write(value: tf.Tensor): void };
  movingVariance: { read(): tf.Tensor1D; write(value: tf.Tensor): void };
}

// The parts of tfjs-node's backend used here (not in its public types).
interface NativeBackend {
  binding: Record<'TF_ATTR_TYPE' | 'TF_ATTR_FLOAT' | 'TF_ATTR_STRING' | 'TF_ATTR_BOOL' | 'TF_FLOAT', number>;
  executeMultipleOutputs(name: string, attrs: object[], inputs: tf.Tensor[], outputs: number): tf.Tensor[];
}

function fusedAttrs(backend: NativeBackend, epsilon: number): object[] {
  const b = backend.binding;
  return [
    { name: 'T', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT },
    { name: 'U', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT },
    { name: 'epsilon', type: b.TF_ATTR_FLOAT, value: epsilon },
    { name: 'data_format', type: b.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'is_training', type: b.TF_ATTR_BOOL, value: true },
  ];
}

/**
 * Normalize x [n, h, w, c] with its batch statistics, with a native gradient.
 * @returns the normalized tensor, and the batch mean and variance [c] (the caller disposes those two)
 */
export function fusedBatchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const backend = tf.backend() as unknown as NativeBackend;
  const attrs = fusedAttrs(backend, epsilon);
  let stats: tf.Tensor[] = [];
  const forward = tf.customGrad((...args: (tf.Tensor | ((saved: tf.Tensor[]) => void))[]) => {
    const [input, scale, offset] = args as tf.Tensor[];
    const save = args[3] as (saved: tf.Tensor[]) => void;
    const empty = tf.tensor1d([]);
    const factor = { name: 'exponential_avg_factor', type: backend.binding.TF_ATTR_FLOAT, value: 1 };
    const [y, mean, variance, ...reserve] = backend.executeMultipleOutputs(
      'FusedBatchNormV3',
      [...attrs, factor],
      [input, scale, offset, empty, empty],
      6,
    );
    empty.dispose();
    save([input, scale, ...reserve]);
    stats = [tf.keep(mean), tf.keep(variance)];
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const grads = backend.executeMultipleOutputs(
          'FusedBatchNormGradV3',
          attrs,
          [dy as tf.Tensor, ...saved],
          5,
        );
        tf.dispose(grads.slice(3));
        return grads.slice(0, 3);
      },
    };
  });
  const y = forward(x, gamma, beta) as tf.Tensor4D;
  return { y, mean: stats[0] as tf.Tensor1D, variance: stats[1] as tf.Tensor1D };
}

let nativeClass: (new (args?: BatchNormArgs) => BatchNormLayer) | undefined;

function defineNativeClass(): new (args?: BatchNormArgs) => BatchNormLayer {
  const Base = tf.layers.batchNormalization({}).constructor as new (args?: BatchNormArgs) => BatchNormLayer;
  return class NativeBatchNormalization extends Base {
    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const self = this as unknown as BatchNormInternals;
      const lastAxis = self.axis === -1 || self.axis === x.rank - 1;
      if (kwargs['training'] !== true || x.rank !== 4 || !lastAxis || !self.gamma || !self.beta) {
        return super.call(inputs, kwargs);
      }
      const gamma = self.gamma;
      const beta = self.beta;
      return tf.tidy(() => {
        const out = fusedBatchNormTraining(x as tf.Tensor4D, gamma.read(), beta.read(), self.epsilon);
        for (const [variable, batch] of [
          [self.movingMean, out.mean],
          [self.movingVariance, out.variance],
        ] as const) {
          const old = variable.read();
          variable.write(tf.sub(old, tf.mul(tf.sub(old, batch), 1 - self.momentum)));
        }
        tf.dispose([out.mean, out.variance]);
        return out.y;
      });
    }
  };
}

/** A BatchNormalization layer (channels last) that trains with TensorFlow's fused kernels. */
export function nativeBatchNormalization(args: BatchNormArgs = {}): BatchNormLayer {
  nativeClass ??= defineNativeClass();
  return new nativeClass(args);
}
