// Score the candidate and the deployed version on the very same test records.
import {
  loadModelFiles,
  probabilitiesToPredictions,
  ringCountToClass,
  tf,
  trainingRecipeSchema,
  type ModelMetadata,
} from '@rings/ring-model';
import { readIngestDataset, type CompoundRecord } from '../dataset';
import { predictProbabilities } from '../evaluate';
import { decodeImages } from '../images';
import { splitRecords, type SplitOptions } from '../split';

/** One version's score on the comparison's test records. */
export interface VersionScore {
  version: string;
  accuracy: number;
  /** Mean absolute error in classes (ring counts capped at K-1). */
  mae: number;
  n: number;
}

const splitSettingsSchema = trainingRecipeSchema.pick({
  splitSeed: true,
  validationFraction: true,
  testFraction: true,
});

/** The seed a version's data was split with: split_seed, or for metadata written before it existed, the seed. */
export function splitSeedOf(metadata: ModelMetadata): number | undefined {
  const { seed, splitSeed } = metadata.training.hyperparameters;
  return splitSeed ?? seed;
}

/** The split a model version was trained with, from its metadata (training's defaults when absent). */
export function splitOptionsOf(metadata: ModelMetadata): SplitOptions {
  const { validationFraction, testFraction } = metadata.training.hyperparameters;
  return {
    ...splitSettingsSchema.parse({ splitSeed: splitSeedOf(metadata), validationFraction, testFraction }),
    numClasses: metadata.labels.num_classes,
  };
}

/**
 * The test records of the training data, split as training splits them (same
 * sources, same duplicate rule: the first copy of an image wins, same seeded
 * stratified hash).
 */
export async function readTestRecords(
  dataDirs: readonly string[],
  split: SplitOptions,
): Promise<CompoundRecord[]> {
  const datasets = await Promise.all(dataDirs.map(readIngestDataset));
  const seen = new Set<string>();
  const records = datasets
    .flatMap((d) => d.records)
    .filter((r) => {
      if (r.sha256 === undefined) return true;
      if (seen.has(r.sha256)) return false;
      seen.add(r.sha256);
      return true;
    });
  return splitRecords(records, split).test;
}

/**
 * Accuracy and MAE of the model folder on these records, preprocessed as its
 * metadata says and scored in the comparison's label space (K classes): a model
 * with more classes has its answers capped at K-1, one with fewer is scored as is.
 */
export async function scoreModelOnRecords(
  modelDir: string,
  records: readonly CompoundRecord[],
  numClasses: number,
): Promise<VersionScore> {
  const { model, metadata } = await loadModelFiles(modelDir);
  try {
    const size = metadata.input.size;
    const pixels = await decodeImages(
      records.map((r) => r.imagePath),
      metadata.input,
    );
    const xs = tf.tensor4d(pixels, [records.length, size, size, 1]);
    let probs: Float32Array;
    try {
      probs = await predictProbabilities(model, xs);
    } finally {
      xs.dispose();
    }
    const predicted = probabilitiesToPredictions(probs, metadata.labels.num_classes);
    let correct = 0;
    let absoluteError = 0;
    records.forEach((record, i) => {
      const truth = ringCountToClass(record.numRings, numClasses);
      const answer = Math.min(predicted[i].class, numClasses - 1);
      if (answer === truth) correct++;
      absoluteError += Math.abs(answer - truth);
    });
    const n = records.length;
    return { version: metadata.version, accuracy: n ? correct / n : 0, mae: n ? absoluteError / n : 0, n };
  } finally {
    model.dispose();
  }
}
