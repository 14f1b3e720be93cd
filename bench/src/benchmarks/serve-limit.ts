import path from 'node:path';
import {
  loadModelFiles,
  predictImages,
  preprocessImage,
  planForMode,
  type PreprocessedImage,
} from '@rings/ring-model';
import { secondsSince } from '../benchmark';
import { summarize } from '../stats';

/** images/s of the model in-process, no HTTP, at the batch size that did best. */
export interface ModelLimit {
  batchSize: number;
  /** batched predict alone, per repetition */
  predict: number[];
  /** preprocessing (the model's method) + batched predict, per repetition */
  decodeAndPredict: number[];
  /** median predict images/s per batch size tried */
  byBatchSize: Record<number, number>;
  /** What predicted: the compiled plan (as the API does by default) or the layers model, and why. */
  inference: { mode: 'plan' | 'layers'; why: string };
}

/** images/s of `run` predicting batches of batchSize until at least `images` are done. */
export async function timeImages(
  images: number,
  batchSize: number,
  run: () => Promise<unknown>,
): Promise<number> {
  const batches = Math.ceil(images / batchSize);
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) await run();
  return (batches * batchSize) / secondsSince(start);
}

/**
 * The model's own throughput: `images` copies of the image predicted in batches
 * of each size, every repetition; the best batch size by median is the limit,
 * then timed again with decoding included. With mode 'plan' it predicts as the
 * API does by default: through the verified inference plan.
 */
export async function measureModelLimit(
  storeDir: string,
  version: string,
  image: Buffer,
  options: { batchSizes: number[]; images: number; repetitions: number; mode: 'plan' | 'layers' },
): Promise<ModelLimit> {
  const loaded = await loadModelFiles(path.join(storeDir, version));
  const { metadata } = loaded;
  const { plan, why } = planForMode(loaded.model, metadata.input.size, options.mode);
  const model = plan ?? loaded.model;
  const inference = { mode: plan ? ('plan' as const) : ('layers' as const), why };
  try {
    const one = await preprocessImage(image, metadata.input);
    const batchOf = (n: number): PreprocessedImage[] => Array.from({ length: n }, () => one);
    const samples = new Map<number, number[]>(options.batchSizes.map((b) => [b, []]));
    for (const b of options.batchSizes) await predictImages(model, batchOf(b)); // warm-up per shape
    for (let rep = 0; rep < options.repetitions; rep++) {
      for (const b of options.batchSizes) {
        const batch = batchOf(b);
        samples.get(b)?.push(await timeImages(options.images, b, () => predictImages(model, batch)));
      }
    }
    const byBatchSize = Object.fromEntries([...samples].map(([b, s]) => [b, summarize(s).median]));
    const [batchSize, predict] = [...samples].reduce((best, cur) =>
      summarize(cur[1]).median > summarize(best[1]).median ? cur : best,
    );
    const decodeAndPredict: number[] = [];
    for (let rep = 0; rep < options.repetitions; rep++) {
      const decodeThenPredict = async (): Promise<unknown> =>
        predictImages(
          model,
          await Promise.all(batchOf(batchSize).map(() => preprocessImage(image, metadata.input))),
        );
      decodeAndPredict.push(await timeImages(options.images, batchSize, decodeThenPredict));
    }
    return { batchSize, predict, decodeAndPredict, byBatchSize, inference };
  } finally {
    plan?.dispose();
    loaded.model.dispose();
  }
}
