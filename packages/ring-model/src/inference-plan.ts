// A faster way to run a trained sequential CNN for prediction. The layers API
// dispatches about 60 small ops per call (a fixed ~8 ms on 2 cores whatever the
// batch); here each batch norm is folded into the convolution before it, ReLU
// is fused into the convolution, dropout is dropped, and a call is one chain of
// native ops. Only layers it knows are planned: anything else gives no plan,
// and callers keep model.predict.
import { tf } from './tensorflow';

/** A compiled prediction path; owns folded copies of the weights until disposed. */
export interface InferencePlan {
  /** [n, h, w, c] in, [n, K] probabilities out (the caller disposes the result). */
  predict(x: tf.Tensor): tf.Tensor;
  /** Native ops per call. */
  readonly ops: number;
  dispose(): void;
}

type Step = (x: tf.Tensor) => tf.Tensor;
type Activation = 'linear' | 'relu';

/** Why a model cannot be planned; caught inside compileInferencePlan. */
class Unplannable extends Error {}

interface LayerConfig {
  activation?: string;
  strides?: number | number[];
  padding?: 'valid' | 'same';
  poolSize?: number | number[];
  dataFormat?: string;
  dilationRate?: number | number[];
  useBias?: boolean;
  axis?: number | number[];
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  maxValue?: number | null;
}

const pair = (v: number | number[] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v, v];

function fusedActivation(name: string | undefined): Activation {
  if (name === undefined || name === 'linear' || name === 'relu') return name ?? 'linear';
  throw new Unplannable(`activation ${name}`);
}

/** Fold batch norm (gamma, beta, mean, variance) into a kernel [kh, kw, in, out] and bias [out]; call inside tidy. */
function foldBatchNorm(
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D,
  layer: tf.layers.Layer,
): [tf.Tensor4D, tf.Tensor1D] {
  const config = layer.getConfig() as LayerConfig;
  const axis = Array.isArray(config.axis) ? config.axis : [config.axis ?? -1];
  if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== 3) || !config.center || !config.scale) {
    throw new Unplannable('batch norm other than per channel with centre and scale');
  }
  const [gamma, beta, mean, variance] = layer.getWeights() as tf.Tensor1D[];
  const scale = gamma.div(variance.add(config.epsilon ?? 1e-3).sqrt());
  return [kernel.mul(scale), bias.sub(mean).mul(scale).add(beta)];
}

/**
 * Plan the layers of a model. Supported: Conv2D and SeparableConv2D (channels
 * last, no dilation) optionally followed by BatchNormalization and ReLU, MaxPooling2D,
 * GlobalAveragePooling2D, Flatten, Dropout, Dense with linear, ReLU or softmax.
 */
function planLayers(model: tf.LayersModel, owned: tf.Tensor[]): Step[] {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const steps: Step[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const kind = layer.getClassName();
    const config = layer.getConfig() as LayerConfig;
    const next = () => layers[i + 1]?.getClassName();
    if (kind === 'Conv2D' || kind === 'SeparableConv2D') {
      if (config.dataFormat !== 'channelsLast' || pair(config.dilationRate, 1).some((d) => d !== 1)) {
        throw new Unplannable(`${kind} other than channels last without dilation`);
      }
      let activation = fusedActivation(config.activation);
      const batchNorm = next() === 'BatchNormalization' && activation === 'linear' ? layers[++i] : undefined;
      // A separable convolution is a depthwise convolution, then a 1x1 convolution
      // that the batch norm folds into; a plain one folds it into its own kernel.
      const weights = layer.getWeights();
      const depthwise = kind === 'SeparableConv2D' ? keep(weights[0].clone() as tf.Tensor4D) : undefined;
      const [kernel, maybeBias] = (depthwise ? weights.slice(1) : weights) as [tf.Tensor4D, tf.Tensor1D?];
      // The plan's own copies: folded when a batch norm follows, cloned otherwise.
      const [filter, bias] = tf
        .tidy(() => {
          const plain: [tf.Tensor4D, tf.Tensor1D] = [kernel, maybeBias ?? tf.zeros([kernel.shape[3]])];
          const [k, b] = batchNorm ? foldBatchNorm(...plain, batchNorm) : plain;
          return [k.clone(), b.clone()];
        })
        .map(keep) as [tf.Tensor4D, tf.Tensor1D];
      const reluNext = next() === 'ReLU' && (layers[i + 1].getConfig() as LayerConfig).maxValue == null;
      if (activation === 'linear' && reluNext) {
        activation = 'relu';
        i++;
      }
      const strides = pair(config.strides, 1);
      const pad = config.padding ?? 'valid';
      if (depthwise) {
        steps.push((x) => tf.depthwiseConv2d(x as tf.Tensor4D, depthwise, strides, pad));
        steps.push((x) =>
          tf.fused.conv2d({ x: x as tf.Tensor4D, filter, bias, strides: 1, pad: 'valid', activation }),
        );
      } else {
        steps.push((x) => tf.fused.conv2d({ x: x as tf.Tensor4D, filter, bias, strides, pad, activation }));
      }
    } else if (kind === 'MaxPooling2D') {
      const poolSize = pair(config.poolSize, 2);
      const strides = config.strides === undefined ? poolSize : pair(config.strides, 1);
      steps.push((x) => tf.maxPool(x as tf.Tensor4D, poolSize, strides, config.padding ?? 'valid'));
    } else if (kind === 'GlobalAveragePooling2D') {
      steps.push((x) => tf.mean(x, [1, 2]));
    } else if (kind === 'Flatten') {
      steps.push((x) => tf.reshape(x, [x.shape[0], -1]));
    } else if (kind === 'Dropout') {
      continue;
    } else if (kind === 'ReLU' && config.maxValue == null) {
      steps.push((x) => tf.relu(x));
    } else if (kind === 'Dense') {
      const [kernel, bias] = layer.getWeights().map((w) => keep(w.clone())) as [tf.Tensor2D, tf.Tensor1D?];
      const softmax = config.activation === 'softmax';
      const activation = softmax ? 'linear' : fusedActivation(config.activation);
      steps.push((x) => tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel, bias, activation }));
      if (softmax) steps.push((x) => tf.softmax(x as tf.Tensor2D));
    } else {
      throw new Unplannable(`layer ${kind}`);
    }
  }
  return steps;
}

/**
 * Compile a model into an inference plan, or null when it has a layer the
 * plan does not know (say why through `onSkip`). The plan shares nothing with
 * the model: disposing either leaves the other working.
 */
export function compileInferencePlan(
  model: tf.LayersModel,
  onSkip?: (reason: string) => void,
): InferencePlan | null {
  const owned: tf.Tensor[] = [];
  let steps: Step[];
  try {
    steps = planLayers(model, owned);
  } catch (err) {
    tf.dispose(owned);
    if (!(err instanceof Unplannable)) throw err;
    onSkip?.(`not planned: ${err.message}`);
    return null;
  }
  return {
    ops: steps.length,
    predict: (x) => tf.tidy(() => steps.reduce((y, step) => step(y), x)),
    dispose: () => tf.dispose(owned),
  };
}

/**
 * Largest absolute difference between the plan's and the model's outputs on a
 * few probe images (blank, full ink, a seeded pattern): a plan is used only
 * when it agrees with the model.
 */
export function planDeviation(plan: InferencePlan, model: tf.LayersModel, size: number): number {
  return tf.tidy(() => {
    const blank = tf.zeros([1, size, size, 1]);
    const ink = tf.ones([1, size, size, 1]);
    const pattern = tf.randomUniform([2, size, size, 1], 0, 1, 'float32', 7);
    const probe = tf.concat([blank, ink, pattern]);
    const expected = model.predict(probe) as tf.Tensor;
    return tf.max(tf.abs(tf.sub(plan.predict(probe), expected))).dataSync()[0];
  });
}

/** A plan agrees with its model to float rounding; more than this and the model's own path is used. */
export const PLAN_TOLERANCE = 1e-4;

/**
 * The plan of a model if it compiles and its outputs match the model's (to
 * PLAN_TOLERANCE); otherwise null. `why` says which, for logs and reports.
 */
export function verifiedInferencePlan(
  model: tf.LayersModel,
  size: number,
): { plan: InferencePlan | null; why: string } {
  let why = 'planned';
  const plan = compileInferencePlan(model, (reason) => (why = reason));
  if (!plan) return { plan, why };
  let deviation: number;
  try {
    deviation = planDeviation(plan, model, size);
  } catch (err) {
    plan.dispose();
    throw err;
  }
  if (deviation <= PLAN_TOLERANCE) return { plan, why: `planned (${plan.ops} ops)` };
  plan.dispose();
  return { plan: null, why: `not planned: its outputs differ from the model's by ${deviation}` };
}

/** What predicts for a model in a mode: its verified plan ('plan', when there is one) or the model itself. */
export function planForMode(
  model: tf.LayersModel,
  size: number,
  mode: 'plan' | 'layers',
): { plan: InferencePlan | null; why: string } {
  return mode === 'plan' ? verifiedInferencePlan(model, size) : { plan: null, why: 'INFERENCE_MODE=layers' };
}
