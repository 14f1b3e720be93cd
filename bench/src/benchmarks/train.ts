import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tf } from '@rings/ring-model';
import { z } from 'zod';
import type { BenchContext, Outcome } from '../benchmark';
import { BenchError } from '../errors';
import { makeFigure, makeRatio } from '../figures';
import { toBuffer, writePeerModel, type PeerModelFiles } from '../peer-model';
import { runPeer } from '../python';
import { loadTrainingImages, type TrainingImages } from './train-data';
import { buildShape, DEFAULT_MODEL, TRAIN_MODELS } from './bench-models';
import { describeShape } from './model-shape';
import { fitWithTrainModel, TRAIN_DEFAULTS } from './train-parts';

/** Images scored after each epoch by trainModel (not timed); few, to keep runs short. */
const VALIDATION_IMAGES = 32;

const peerReport = z.object({
  images_per_s: z.array(z.number().positive()).min(1),
  params: z.number().int().positive(),
  tensorflow: z.string(),
  keras: z.string(),
});

interface Compiled {
  optimizer: { class_name: string; config: unknown };
  loss: string;
  metrics: string[];
}

/** The optimizer, loss and metrics our model was compiled with, for the peer to repeat. */
function describeCompile(model: tf.LayersModel): Compiled {
  const optimizer = model.optimizer as tf.Optimizer | undefined;
  if (!optimizer || typeof model.loss !== 'string') {
    throw new BenchError(
      'RUN_FAILED',
      'the model is not compiled with a named loss; the peer cannot repeat it',
    );
  }
  const metrics = model.metricsNames.some((m) => m === 'acc' || m === 'accuracy') ? ['accuracy'] : [];
  return {
    optimizer: { class_name: optimizer.getClassName(), config: optimizer.getConfig() },
    loss: model.loss,
    metrics,
  };
}

/** Spec file for bench/peers/train_keras.py: our topology and initial weights, compile settings, images. */
async function writePeerSpec(
  dir: string,
  files: PeerModelFiles,
  model: tf.LayersModel,
  data: TrainingImages,
  ctx: BenchContext,
): Promise<string> {
  const images = path.join(dir, 'x.f32');
  const labels = path.join(dir, 'y.i32');
  await fs.writeFile(images, toBuffer(data.x));
  await fs.writeFile(labels, toBuffer(data.y));
  const spec = path.join(dir, 'spec.json');
  const body = {
    topology: files.topology,
    weights: files.weights,
    ...describeCompile(model),
    num_classes: model.outputs[0].shape[1],
    batch_size: TRAIN_DEFAULTS.batchSize,
    warmup_epochs: ctx.settings.train.warmupEpochs,
    repetitions: ctx.settings.repetitions,
    data: { images, labels, count: data.count, size: data.size },
  };
  await fs.writeFile(spec, JSON.stringify(body));
  return spec;
}

/** The first n images and the rest. */
function splitImages(all: TrainingImages, n: number): [TrainingImages, TrainingImages] {
  const px = all.size * all.size;
  const part = (from: number, to: number): TrainingImages => ({
    count: to - from,
    size: all.size,
    x: all.x.subarray(from * px, to * px),
    y: all.y.subarray(from, to),
  });
  return [part(0, n), part(n, all.count)];
}

/**
 * Training throughput per architecture (v1 and v2 at 96 px, as in earlier
 * runs): our tfjs-node fit and Keras on TF CPU, back to back, same architecture
 * (rebuilt from our topology), weights, input size, batch size, optimizer, loss
 * and images.
 */
export async function benchTrain(ctx: BenchContext): Promise<Outcome> {
  const outcome: Outcome = { figures: [], ratios: [], notes: [] };
  const { images: count, warmupEpochs } = ctx.settings.train;
  for (const shape of TRAIN_MODELS) {
    const arch = shape.architecture;
    const size = shape.imageSize;
    const model = buildShape(shape);
    try {
      const numClasses = model.outputs[0].shape[1] as number;
      const all = await loadTrainingImages(count + VALIDATION_IMAGES, size, numClasses);
      const [train, validation] = splitImages(all, count);
      const dir = path.join(ctx.workDir, `train-${arch}`);
      const files = await writePeerModel(model, dir); // initial weights, before ours trains
      const epochs = warmupEpochs + ctx.settings.repetitions;
      const ours = (await fitWithTrainModel(model, train, validation, epochs)).slice(warmupEpochs);
      const spec = await writePeerSpec(dir, files, model, train, ctx);
      const peer = await runPeer('train_keras.py', [spec], peerReport);
      if (peer.params !== files.params) {
        throw new BenchError(
          'PEER_FAILED',
          `the Keras mirror of ${arch} has ${peer.params} parameters, ours ${files.params}`,
        );
      }
      const list = (rates: number[]): string => rates.map((r) => r.toFixed(1)).join(', ');
      ctx.log(`train ${arch}: ours ${list(ours)} images/s; Keras ${list(peer.images_per_s)}`);
      const unit = 'images/s';
      const a = makeFigure(
        {
          id: `train.${arch}.ours`,
          label: `ours: trainModel (tfjs-node), ${arch}`,
          side: 'ours',
          unit,
          better: 'higher',
        },
        ours,
      );
      const b = makeFigure(
        {
          id: `train.${arch}.peer`,
          label: `peer: Keras ${peer.keras} on TF ${peer.tensorflow} CPU, ${arch}`,
          side: 'peer',
          unit,
          better: 'higher',
        },
        peer.images_per_s,
      );
      outcome.figures.push(a, b);
      outcome.ratios.push(
        makeRatio(`train.${arch}.ours_vs_keras`, `training images/s, ${arch}: ours / Keras`, a, b, {
          op: '>=',
          target: 0.8,
        }),
      );
      outcome.notes.push(
        `${arch}: ${files.params.toLocaleString('en-US')} parameters, input ${size}x${size}x1, batch ${TRAIN_DEFAULTS.batchSize}, ${count} images, Adam, categorical cross-entropy; ${warmupEpochs} warm-up epoch(s), then one epoch per repetition; fit time only (augmentation off on both sides)`,
      );
    } finally {
      model.dispose();
    }
  }
  outcome.notes.push(
    `models: ${TRAIN_MODELS.map(describeShape).join('; ')}, with the input size given explicitly, as in earlier runs, so these rows stay comparable with them; the default recipe's model (${describeShape(DEFAULT_MODEL)}) is not fitted here (its serving cost is in the serve benchmark)`,
  );
  return outcome;
}
