// Training data: read the ingest output(s), split, decode every image once into
// tensors. Pure loading and preprocessing; no model code here.
import {
  classLabels,
  ringCountToClass,
  tf,
  trainingRecipeSchema,
  type PreprocessingOptions,
} from '@rings/ring-model';
import { z } from 'zod';
import { readIngestDataset, type CompoundRecord, type IngestDataset } from './dataset';
import { TrainingError, parseOptions } from './errors';
import { decodeImages } from './images';
import { SPLIT_NAMES, splitRecords, type SplitName, type SplitOptions } from './split';

/** Options of loadTrainingData: the data side of the training recipe, plus where and how fast. */
export const dataOptionsSchema = trainingRecipeSchema
  .pick({
    imageSize: true,
    preprocessing: true,
    numClasses: true,
    splitSeed: true,
    validationFraction: true,
    testFraction: true,
  })
  .extend({
    dataDirs: z
      .array(z.string().min(1))
      .min(1)
      .describe('ingest output folders ("dir" or "name=dir"); the first wins on duplicate images'),
    concurrency: z.number().int().min(1).max(64).default(8).describe('images decoded at once'),
  });
export type DataOptions = z.input<typeof dataOptionsSchema>;

/** One split as tensors. */
export interface SplitData {
  records: CompoundRecord[];
  /** [n, size, size, 1], ink 1 and background 0. */
  xs: tf.Tensor4D;
  /** [n, K] one-hot labels. */
  ys: tf.Tensor2D;
  /** Class index per image. */
  classes: Int32Array;
  /** The decoded images (image i at i * size * size); kept for validation and test only. */
  pixels: Float32Array | undefined;
}

/** Everything training and evaluation need; call dispose() when done. */
export interface TrainingData {
  preprocessing: PreprocessingOptions;
  numClasses: number;
  labels: string[];
  sources: { name: string; dir: string; datasetVersion: string; records: number }[];
  /** The dataset version, or "name@version+..." for several sources. */
  datasetVersion: string;
  /** Records dropped because an earlier source has the same image bytes. */
  duplicatesDropped: number;
  train: SplitData;
  validation: SplitData;
  test: SplitData;
  dispose(): void;
}

/** Load, split and decode the training data (each image decoded exactly once). */
export async function loadTrainingData(
  input: DataOptions,
  onProgress?: (message: string) => void,
): Promise<TrainingData> {
  const options = parseOptions(dataOptionsSchema, input, 'data options');
  const { datasets, splits, dropped } = await readSplitRecords(options.dataDirs, options);
  for (const name of SPLIT_NAMES) {
    if (splits[name].length === 0 && (name === 'train' || options[`${name}Fraction`] > 0)) {
      const total = SPLIT_NAMES.reduce((n, k) => n + splits[k].length, 0);
      throw new TrainingError('INVALID_DATA', `the ${name} split is empty: ${total} records are too few`);
    }
  }
  const preprocessing: PreprocessingOptions = {
    method: options.preprocessing,
    size: options.imageSize,
    channels: 1,
    invert: true,
    maxInputPixels: 4096 * 4096,
  };
  const decoded: Partial<Record<SplitName, SplitData>> = {};
  for (const name of SPLIT_NAMES) {
    onProgress?.(`decoding ${splits[name].length} ${name} images at ${options.imageSize}px`);
    const split = await decodeSplit(splits[name], preprocessing, options.numClasses, options.concurrency);
    // The train images live on in the tensor only: no second copy of the largest split.
    decoded[name] = name === 'train' ? { ...split, pixels: undefined } : split;
  }
  const { train, validation, test } = decoded as Record<SplitName, SplitData>;
  return {
    preprocessing,
    numClasses: options.numClasses,
    labels: classLabels(options.numClasses),
    sources: datasets.map((d) => ({
      name: d.source,
      dir: d.dir,
      datasetVersion: d.datasetVersion,
      records: d.records.length,
    })),
    datasetVersion:
      datasets.length === 1
        ? datasets[0].datasetVersion
        : datasets.map((d) => `${d.source}@${d.datasetVersion}`).join('+'),
    duplicatesDropped: dropped,
    train,
    validation,
    test,
    dispose: () => tf.dispose([train.xs, train.ys, validation.xs, validation.ys, test.xs, test.ys]),
  };
}

/**
 * Read ingest output folders and split their records as training does: the
 * first copy of an image wins, then the seeded stratified split.
 */
export async function readSplitRecords(
  dataDirs: readonly string[],
  split: SplitOptions,
): Promise<{ datasets: IngestDataset[]; splits: Record<SplitName, CompoundRecord[]>; dropped: number }> {
  const datasets = await Promise.all(dataDirs.map(readIngestDataset));
  assertDistinctSources(datasets);
  const { records, dropped } = dropDuplicateImages(datasets);
  return { datasets, splits: splitRecords(records, split), dropped };
}

function assertDistinctSources(datasets: IngestDataset[]): void {
  const names = new Set<string>();
  for (const d of datasets) {
    if (names.has(d.source)) {
      throw new TrainingError('INVALID_OPTIONS', `two data folders are named "${d.source}": use name=dir`);
    }
    names.add(d.source);
  }
}

// The same molecule can come from two sources; keeping both could put one copy
// in train and the other in test.
function dropDuplicateImages(datasets: IngestDataset[]): { records: CompoundRecord[]; dropped: number } {
  const seen = new Set<string>();
  const records: CompoundRecord[] = [];
  for (const record of datasets.flatMap((d) => d.records)) {
    if (record.sha256 !== undefined && seen.has(record.sha256)) continue;
    if (record.sha256 !== undefined) seen.add(record.sha256);
    records.push(record);
  }
  return { records, dropped: datasets.reduce((n, d) => n + d.records.length, 0) - records.length };
}

/** Decode the images of some records into a split's tensors (the caller disposes xs and ys). */
export async function decodeSplit(
  records: CompoundRecord[],
  preprocessing: PreprocessingOptions,
  numClasses: number,
  concurrency: number,
): Promise<SplitData & { pixels: Float32Array }> {
  const pixels = await decodeImages(
    records.map((r) => r.imagePath),
    preprocessing,
    { concurrency },
  );
  const classes = Int32Array.from(records.map((r) => ringCountToClass(r.numRings, numClasses)));
  const size = preprocessing.size;
  const xs = tf.tensor4d(pixels, [records.length, size, size, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(classes, 'int32'), numClasses).toFloat() as tf.Tensor2D);
  return { records, xs, ys, classes, pixels };
}
