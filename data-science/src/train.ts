// trainModel: compile, then one fit per epoch on a freshly shuffled and
// augmented copy of the training tensor, then score the validation split.
import { tf, trainingRecipeSchema, type ClassWeightMode } from '@rings/ring-model';
import { z } from 'zod';
import { augmentImages, augmentOptionsSchema, type AugmentOptions } from './augment';
import { createBatchCallback, type BatchProgressHook, type FitPosition } from './batch-progress';
import { recalibrateBatchNorm } from './batch-norm-stats';
import type { SplitData } from './data';
import { TrainingError, parseOptions } from './errors';
import { predictProbabilities, scoreProbabilities } from './evaluate';
import { seededPermutation } from './random';
import type { EpochPoint } from '@rings/charts';

// The recipe's fields (and defaults) come from ring-model's trainingRecipeSchema;
// augmentation details and the chunk size are how this function runs it.
export const trainOptionsSchema = trainingRecipeSchema
  .pick({ epochs: true, batchSize: true, learningRate: true, schedule: true, seed: true, classWeight: true })
  .extend({
    augment: z
      .union([augmentOptionsSchema, z.literal(false)])
      .default({ symmetries: true, scaleJitter: 0.1, strokeJitter: 0, background: 0 })
      .describe('augmentation options, or false for none'),
    augmentChunk: z.number().int().min(1).default(1024).describe('images augmented per native call chain'),
  });
export type TrainOptions = z.input<typeof trainOptionsSchema>;

/**
 * What one epoch did; the callback receives it and the history keeps it. The
 * fields the learning-curve chart draws (epoch, 1-based; losses and accuracies)
 * are @rings/charts' EpochPoint.
 */
export interface EpochLog extends EpochPoint {
  learning_rate: number;
  /** Wall time of the whole epoch (augmentation, fit, validation). */
  seconds: number;
  /** Training throughput of the fit alone. */
  images_per_second: number;
}

/** The data trainModel needs. */
export interface TrainData {
  train: SplitData;
  validation: SplitData;
  numClasses: number;
}

/** Hooks of trainModel. */
export interface TrainHooks {
  /** Called after each epoch (awaited). */
  onEpochEnd?: (log: EpochLog) => void | Promise<void>;
  /** Called after every batch with where the epoch stands (not awaited: keep it cheap). */
  onBatchEnd?: BatchProgressHook;
  /** Aborting stops training after the current batch; trainModel then throws INTERRUPTED. */
  signal?: AbortSignal;
}

export interface TrainResult {
  history: EpochLog[];
  seconds: number;
  /**
   * CPU time of the process while training (all threads): on a busy shared
   * machine, cpuSeconds / cores estimates the wall time on an idle one.
   */
  cpuSeconds: number;
  /** Mean fit throughput over all epochs. */
  imagesPerSecond: number;
}

/**
 * Compile and fit `model` (input [n, size, size, 1], output [n, K] softmax).
 * Changes no process-wide state: entry points that want the faster ReLU
 * gradient call useFastStepKernel() once before training. After each epoch the batch norm statistics are re-estimated on
 * that epoch's augmented training images (see batch-norm-stats.ts), then the validation split is scored.
 * The optimizer is disposed at the end; no tensor outlives the call.
 */
export async function trainModel(
  model: tf.LayersModel,
  data: TrainData,
  input: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const options = parseOptions(trainOptionsSchema, input, 'training options');
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const classWeight = classWeights(data.train.classes, data.numClasses, options.classWeight);
  const history: EpochLog[] = [];
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let fitSeconds = 0;
  const stop = (): void => {
    model.stopTraining = true; // fit checks it after every batch
  };
  hooks.signal?.addEventListener('abort', stop);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      assertNotAborted(hooks.signal, epoch - 1, options.epochs);
      const epochStart = performance.now();
      const learningRate = learningRateAt(epoch, options);
      // Adam reads its rate at every step; tfjs has no public setter.
      (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
      const tensors = epochTensors(data.train, options.seed * 1000 + epoch, options);
      const fitStart = performance.now();
      const at = { epoch, epochs: options.epochs, epochImages: data.train.classes.length, started: fitStart };
      let fit: { loss: number; accuracy: number };
      let seconds: number;
      try {
        fit = await fitEpoch(model, tensors, { ...at, batchSize: options.batchSize }, classWeight, hooks);
        seconds = (performance.now() - fitStart) / 1000;
        assertNotAborted(hooks.signal, epoch - 1, options.epochs);
        // On this epoch's shuffled, augmented images: the statistics the fit normalised with.
        recalibrateBatchNorm(model, tensors.xs, { batchSize: options.batchSize });
      } finally {
        tf.dispose([tensors.xs, tensors.ys]);
      }
      fitSeconds += seconds;
      const val = scoreProbabilities(
        await predictProbabilities(model, data.validation.xs),
        data.validation.classes,
        data.numClasses,
      );
      const log: EpochLog = {
        epoch,
        loss: fit.loss,
        accuracy: fit.accuracy,
        val_loss: val.loss,
        val_accuracy: val.accuracy,
        val_mae: val.mae,
        learning_rate: learningRate,
        seconds: (performance.now() - epochStart) / 1000,
        images_per_second: data.train.classes.length / seconds,
      };
      history.push(log);
      await hooks.onEpochEnd?.(log);
      // the batch callback yields every 200 ms, which a short epoch may never
      // reach; let a signal handler (Ctrl-C aborting the run) run once an epoch
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    hooks.signal?.removeEventListener('abort', stop);
    optimizer.dispose(); // Adam keeps its moment estimates as variables
  }
  const total = history.length * data.train.classes.length;
  const cpu = process.cpuUsage(cpuStart);
  return {
    history,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    imagesPerSecond: total / fitSeconds,
  };
}

type ParsedOptions = z.infer<typeof trainOptionsSchema>;

function assertNotAborted(signal: AbortSignal | undefined, done: number, epochs: number): void {
  if (signal?.aborted) {
    throw new TrainingError('INTERRUPTED', `training was interrupted after ${done} of ${epochs} epochs`);
  }
}

/** One pass over `tensors` (the caller disposes them), reporting every batch to hooks.onBatchEnd. */
async function fitEpoch(
  model: tf.LayersModel,
  { xs, ys }: { xs: tf.Tensor4D; ys: tf.Tensor2D },
  at: FitPosition,
  classWeight: Record<number, number> | undefined,
  hooks: TrainHooks,
): Promise<{ loss: number; accuracy: number }> {
  const callbacks = [createBatchCallback(at, hooks.onBatchEnd)];
  const { batchSize } = at;
  const fit = await model.fit(xs, ys, {
    epochs: 1,
    batchSize,
    shuffle: false,
    verbose: 0,
    classWeight,
    callbacks,
  });
  return {
    loss: Number(fit.history.loss[0]),
    accuracy: Number((fit.history.acc ?? fit.history.accuracy)[0]),
  };
}

function learningRateAt(epoch: number, o: ParsedOptions): number {
  if (o.schedule === 'constant' || o.epochs === 1) return o.learningRate;
  const progress = (epoch - 1) / (o.epochs - 1);
  return o.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/**
 * One shuffled (and augmented) copy of the training split, built in chunks so
 * the intermediate tensors stay small. Row i of ys still labels row i of xs.
 */
export function epochTensors(
  train: Pick<SplitData, 'xs' | 'ys' | 'classes'>,
  seed: number,
  o: { augment: AugmentOptions | false; augmentChunk: number },
): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const order = seededPermutation(train.classes.length, seed);
  const xsParts: tf.Tensor4D[] = [];
  const ysParts: tf.Tensor2D[] = [];
  for (let start = 0; start < order.length; start += o.augmentChunk) {
    const chunk = order.subarray(start, start + o.augmentChunk);
    xsParts.push(
      tf.tidy(() => {
        const xs = tf.gather(train.xs, tf.tensor1d(chunk, 'int32'));
        return o.augment === false ? xs : augmentImages(xs, seed + start, o.augment);
      }),
    );
    ysParts.push(tf.tidy(() => tf.gather(train.ys, tf.tensor1d(chunk, 'int32'))));
  }
  const xs = xsParts.length === 1 ? xsParts[0] : tf.concat(xsParts);
  const ys = ysParts.length === 1 ? ysParts[0] : tf.concat(ysParts);
  if (xsParts.length > 1) tf.dispose([...xsParts, ...ysParts]);
  return { xs, ys };
}

/** Loss weight per class, or undefined for none. Classes missing from train get weight 1. */
export function classWeights(
  classes: Int32Array,
  numClasses: number,
  mode: ClassWeightMode,
): Record<number, number> | undefined {
  if (mode === 'none') return undefined;
  const counts = new Array<number>(numClasses).fill(0);
  for (const c of classes) counts[c]++;
  const weights: Record<number, number> = {};
  counts.forEach((count, k) => {
    const balanced = count ? classes.length / (numClasses * count) : 1;
    weights[k] = mode === 'sqrt' ? Math.sqrt(balanced) : balanced;
  });
  return weights;
}
