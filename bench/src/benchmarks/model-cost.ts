import {
  DEFAULT_TRAINING_METHOD,
  planForMode,
  predictImages,
  preprocessImage,
  type BatchPredictor,
  type InferencePlan,
  type PreprocessedImage,
  type tf,
} from '@rings/ring-model';
import { INFERENCE_DEFAULTS } from '@rings/demo-api';
import { rotated, type BenchContext, type Outcome } from '../benchmark';
import { buildShape, DEFAULT_MODEL, V5_MODEL } from './bench-models';
import type { ModelShape } from './model-shape';
import { summarizeModelCost, type CostSamples } from './model-cost-figures';
import { timeImages } from './serve-limit';

/** The throughput figure is at batch 32, the API's largest micro-batch. */
export const COST_BATCH_SIZE = 32;

interface Prepared {
  model: tf.LayersModel;
  plan: InferencePlan | null;
  predictor: BatchPredictor;
  batch: PreprocessedImage[];
  single: PreprocessedImage[];
  samples: CostSamples;
}

/** A model to cost: an id-safe name ('default', 'v5') and its shape. */
export interface CostedModel {
  name: string;
  shape: ModelShape;
}

async function prepare(
  { name, shape }: CostedModel,
  image: Buffer,
  mode: 'plan' | 'layers',
): Promise<Prepared> {
  const one = await preprocessImage(image, { size: shape.imageSize, method: DEFAULT_TRAINING_METHOD });
  const model = buildShape(shape);
  let planned: ReturnType<typeof planForMode>;
  try {
    planned = planForMode(model, shape.imageSize, mode);
  } catch (err) {
    model.dispose();
    throw err;
  }
  const { plan, why } = planned;
  return {
    model,
    plan,
    predictor: plan ?? model,
    batch: Array.from({ length: COST_BATCH_SIZE }, () => one),
    single: [one],
    samples: {
      name,
      shape,
      params: model.countParams(),
      inference: { mode: plan ? 'plan' : 'layers', why },
      throughput: [],
      latencyMs: [],
    },
  };
}

/**
 * The in-process cost of untrained models of the given shapes, through what the API
 * predicts with in `mode` (the verified plan, or the layers model): images/s at
 * batch COST_BATCH_SIZE and ms per call at batch 1, on the preprocessed image.
 * Each repetition measures every shape, in an order that rotates.
 */
export async function measureModelCosts(
  models: readonly CostedModel[],
  image: Buffer,
  options: { images: number; repetitions: number; mode: 'plan' | 'layers' },
): Promise<CostSamples[]> {
  const prepared: Prepared[] = [];
  try {
    for (const m of models) prepared.push(await prepare(m, image, options.mode));
    for (const p of prepared) {
      await predictImages(p.predictor, p.batch); // warm-up per shape
      await predictImages(p.predictor, p.single);
    }
    for (let rep = 0; rep < options.repetitions; rep++) {
      for (const p of rotated(prepared, rep)) {
        const { predictor, batch, single, samples } = p;
        samples.throughput.push(
          await timeImages(options.images, COST_BATCH_SIZE, () => predictImages(predictor, batch)),
        );
        const perSecond = await timeImages(options.images, 1, () => predictImages(predictor, single));
        samples.latencyMs.push(1000 / perSecond);
      }
    }
    return prepared.map((p) => p.samples);
  } finally {
    for (const p of prepared) {
      p.plan?.dispose();
      p.model.dispose();
    }
  }
}

/**
 * The serve benchmark's model-cost rows: the default recipe's model against
 * v5's shape, untrained, through the API's default inference mode.
 */
export async function benchModelCost(ctx: BenchContext, image: Buffer): Promise<Outcome> {
  const images = ctx.settings.serve.limitImages;
  const [current, previous] = await measureModelCosts(
    [
      { name: 'default', shape: DEFAULT_MODEL },
      { name: 'v5', shape: V5_MODEL },
    ],
    image,
    { images, repetitions: ctx.settings.repetitions, mode: INFERENCE_DEFAULTS.INFERENCE_MODE },
  );
  for (const s of [current, previous]) {
    const list = (values: number[], digits: number): string =>
      values.map((v) => v.toFixed(digits)).join(', ');
    ctx.log(
      `serve cost ${s.name}: ${list(s.throughput, 0)} images/s at batch ${COST_BATCH_SIZE}; ${list(s.latencyMs, 2)} ms at batch 1`,
    );
  }
  return summarizeModelCost(current, previous, { batchSize: COST_BATCH_SIZE, images });
}
