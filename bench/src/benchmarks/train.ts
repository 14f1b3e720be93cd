import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tf } from '@rings/ring-model';
import { z } from 'zod';
import { secondsSince, type BenchContext, type Outcome } from '../benchmark';
import { BenchError } from '../errors';
import { makeFigure, makeRatio } from '../figures';
import { toBuffer, writePeerModel } from '../peer-model';
import { runPeer } from '../python';
import { loadTrainingImages, type TrainingImages } from './train-data';
import { loadTrainingParts } from './train-parts';

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

/** images/s of our model.fit, one epoch per repetition, after warm-up epochs. */
async function fitOurs(
  model: tf.LayersModel,
  data: TrainingImages,
  batchSize: number,
  ctx: BenchContext,
): Promise<number[]> {
  const numClasses = model.outputs[0].shape[1] as number;
  const xs = tf.tensor4d(data.x, [data.count, data.size, data.size, 1]);
  const labels = tf.tensor1d(data.y, 'int32');
  const ys = model.loss === 'sparseCategoricalCrossentropy' ? labels.clone() : tf.oneHot(labels, numClasses);
  labels.dispose();
  const fit = (): Promise<tf.History> =>
    model.fit(xs, ys, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
  try {
    for (let i = 0; i < ctx.settings.train.warmupEpochs; i++) await fit();
    const rates: number[] = [];
    for (let rep = 0; rep < ctx.settings.repetitions; rep++) {
      const start = process.hrtime.bigint();
      await fit();
      rates.push(data.count / secondsSince(start));
    }
    return rates;
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** Spec file for bench/peers/train_keras.py. */
async function writePeerSpec(
  dir: string,
  model: tf.LayersModel,
  data: TrainingImages,
  batchSize: number,
  ctx: BenchContext,
): Promise<{ spec: string; params: number }> {
  const files = await writePeerModel(model, dir);
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
    batch_size: batchSize,
    warmup_epochs: ctx.settings.train.warmupEpochs,
    repetitions: ctx.settings.repetitions,
    data: { images, labels, count: data.count, size: data.size },
  };
  await fs.writeFile(spec, JSON.stringify(body));
  return { spec, params: files.params };
}

/**
 * Training throughput per architecture: our tfjs-node fit and Keras on TF CPU,
 * back to back, same architecture (rebuilt from our topology), weights, input
 * size, batch size, optimizer, loss and images.
 */
export async function benchTrain(ctx: BenchContext): Promise<Outcome> {
  const parts = await loadTrainingParts();
  const outcome: Outcome = { figures: [], ratios: [], notes: [] };
  for (const [i, arch] of parts.architectures.entries()) {
    const model = parts.build(arch);
    try {
      const size = model.inputs[0].shape[1] as number;
      const numClasses = model.outputs[0].shape[1] as number;
      const data = await loadTrainingImages(ctx.settings.train.images, size, numClasses);
      const dir = path.join(ctx.workDir, `train-${arch}`);
      const { spec, params } = await writePeerSpec(dir, model, data, parts.batchSize, ctx);
      const runPeerSide = (): Promise<z.infer<typeof peerReport>> =>
        runPeer('train_keras.py', [spec], peerReport);
      // alternate which side goes first per architecture
      let peer: z.infer<typeof peerReport>;
      let ours: number[];
      if (i % 2 === 0) {
        ours = await fitOurs(model, data, parts.batchSize, ctx);
        peer = await runPeerSide();
      } else {
        peer = await runPeerSide();
        ours = await fitOurs(model, data, parts.batchSize, ctx);
      }
      if (peer.params !== params) {
        throw new BenchError(
          'PEER_FAILED',
          `the Keras mirror of ${arch} has ${peer.params} parameters, ours ${params}`,
        );
      }
      ctx.log(
        `train ${arch}: ours ${ours.map((r) => r.toFixed(0)).join(', ')} images/s; keras ${peer.images_per_s.map((r) => r.toFixed(0)).join(', ')}`,
      );
      const unit = 'images/s';
      const a = makeFigure(
        {
          id: `train.${arch}.ours`,
          label: `ours: tfjs-node fit, ${arch}`,
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
        `${arch}: ${params.toLocaleString('en-US')} parameters, input ${size}x${size}x1, batch ${parts.batchSize}, ${data.count} images, ${ctx.settings.train.warmupEpochs} warm-up epoch(s), then one epoch per repetition`,
      );
    } finally {
      model.dispose();
    }
  }
  return outcome;
}
