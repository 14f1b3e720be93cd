import path from 'node:path';
import { loadModelFiles, predictImages, preprocessImage } from '@rings/ring-model';
import { secondsSince } from '../benchmark';

/** images/s of the model in-process, no HTTP: batched predict alone, and decode + predict. */
export interface LimitSamples {
  predict: number[];
  decodeAndPredict: number[];
}

/** Time `batches` batched predictions of `batchSize` copies of the image, per repetition. */
export async function measureModelLimit(
  storeDir: string,
  version: string,
  image: Buffer,
  options: { batchSize: number; batches: number; repetitions: number },
): Promise<LimitSamples> {
  const { model, metadata } = await loadModelFiles(path.join(storeDir, version));
  try {
    const one = await preprocessImage(image, metadata.input);
    const batch = Array.from({ length: options.batchSize }, () => one);
    await predictImages(model, batch); // warm-up
    const samples: LimitSamples = { predict: [], decodeAndPredict: [] };
    for (let rep = 0; rep < options.repetitions; rep++) {
      let start = process.hrtime.bigint();
      for (let b = 0; b < options.batches; b++) await predictImages(model, batch);
      samples.predict.push((options.batches * options.batchSize) / secondsSince(start));
      start = process.hrtime.bigint();
      for (let b = 0; b < options.batches; b++) {
        const decoded = await Promise.all(batch.map(() => preprocessImage(image, metadata.input)));
        await predictImages(model, decoded);
      }
      samples.decodeAndPredict.push((options.batches * options.batchSize) / secondsSince(start));
    }
    return samples;
  } finally {
    model.dispose();
  }
}
