// The training use case: one model version from data to export, tracked run
// and registry version. The CLI and the notebook both call trainVersion.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_MODEL_NAME,
  assertNativeBackend,
  assertVersionName,
  describeTensorflow,
  recipeToFileRecord,
  saveModelFiles,
  trainingRecipeSchema,
  type TrainingRecipe,
} from '@rings/ring-model';
import { z } from 'zod';
import type { BatchProgressHook } from './batch-progress';
import { loadTrainingData, type TrainingData } from './data';
import { TrainingError, parseOptions } from './errors';
import { evaluateModel, flattenMetrics, type EvaluationReport } from './evaluate';
import { buildModelMetadata, computeBaseline } from './export';
import { readGitCommit } from './git-commit';
import { architectureSchema, buildModel } from './model';
import { isFastStepKernelInUse } from './native-step';
import { writeReports } from './reports';
import type { RegisteredVersion, Tracker, TrackedRun } from './tracking';
import { trainModel, type EpochLog, type TrainResult } from './train';

/** Where the data comes from and the version goes to; the rest is the training recipe. */
export const trainVersionOptionsSchema = trainingRecipeSchema.extend({
  version: z.string().describe('version name, e.g. v1: the export folder and the registry tag'),
  architecture: architectureSchema,
  modelName: z.string().min(1).default(DEFAULT_MODEL_NAME).describe('registered model name'),
  data: z.string().default('data-science/data').describe('ingest output folder ("dir" or "name=dir")'),
  extraData: z.array(z.string()).default([]).describe('more ingest output folders, trained and tested alike'),
  out: z.string().default('data-science/models').describe('exports go to <out>/<version>/'),
  reports: z
    .string()
    .default('data-science/reports')
    .describe('evaluation and plots go to <reports>/<version>/'),
});
export type TrainVersionOptions = z.input<typeof trainVersionOptionsSchema>;
type Options = z.infer<typeof trainVersionOptionsSchema>;

/** What trainVersion produced. */
export interface TrainVersionResult {
  version: string;
  modelDir: string;
  reportsDir: string;
  runId: string | null;
  registered: RegisteredVersion | null;
  evaluation: EvaluationReport;
  training: TrainResult;
  datasetVersion: string;
}

/** Optional collaborators of trainVersion. */
export interface TrainVersionContext {
  /** Progress lines (one per epoch, ...). */
  log?: (line: string) => void;
  /**
   * Data already loaded with the same sources, image size and classes (a
   * notebook loads it once for several versions); the caller disposes it.
   */
  data?: TrainingData;
  /** Aborting stops training after the current batch (the run ends FAILED, INTERRUPTED). */
  signal?: AbortSignal;
  /** Progress within each epoch, after every batch (e.g. createTrainingProgress(...).update). */
  onBatchEnd?: BatchProgressHook;
}

/** Train, evaluate, export and (with a tracker) log and register one model version. */
export async function trainVersion(
  input: TrainVersionOptions,
  tracker: Tracker,
  context: TrainVersionContext = {},
): Promise<TrainVersionResult> {
  assertNativeBackend(); // never train on the pure-JS backend
  const log = context.log ?? (() => undefined);
  const options = parseVersionOptions(input);
  const modelDir = path.resolve(options.out, options.version);
  const reportsDir = path.resolve(options.reports, options.version);
  await assertFolderFree(modelDir);
  await tracker.assertVersionNameFree(options.version);
  log(`tracking: ${tracker.description}`);
  const data =
    context.data ??
    (await loadTrainingData({ ...options, dataDirs: [options.data, ...options.extraData] }, log));
  try {
    assertDataMatches(data, options);
    log(describeData(data));
    return await tracker.run(
      { runName: options.version, params: runParams(options, data), tags: await runTags(options, data) },
      (run) => trainTracked(options, data, run, { modelDir, reportsDir }, { ...context, log }),
    );
  } finally {
    if (context.data === undefined) data.dispose();
  }
}

function assertDataMatches(data: TrainingData, o: Options): void {
  const { size, method } = data.preprocessing;
  if (size !== o.imageSize || method !== o.preprocessing || data.numClasses !== o.numClasses) {
    throw new TrainingError(
      'INVALID_OPTIONS',
      `the data given is ${size}px (${method}) with ${data.numClasses} classes, but the options say ${o.imageSize}px (${o.preprocessing}) and ${o.numClasses}`,
    );
  }
}

async function trainTracked(
  options: Options,
  data: TrainingData,
  run: TrackedRun,
  dirs: { modelDir: string; reportsDir: string },
  { log, signal, onBatchEnd }: Omit<TrainVersionContext, 'data'> & { log: (line: string) => void },
): Promise<TrainVersionResult> {
  const model = buildModel(options);
  try {
    log(`${options.architecture}: ${model.countParams()} parameters; training ${options.epochs} epochs`);
    const onEpochEnd = (e: EpochLog): void => {
      log(formatEpoch(e, options.epochs));
      run.logMetrics(epochMetrics(e), e.epoch);
    };
    const trainOptions = { ...options, augment: augmentOptions(options) };
    const training = await trainModel(model, data, trainOptions, { onEpochEnd, onBatchEnd, signal });
    const evaluation = await evaluateModel(model, data.test, data.numClasses);
    log(formatEvaluation(evaluation));
    const metrics = flattenMetrics(evaluation);
    const metadata = buildModelMetadata(data, {
      name: options.modelName,
      version: options.version,
      architecture: options.architecture,
      hyperparameters: recipeOf(options),
      mlflowRunId: run.runId,
      mlflowExperiment: run.experiment,
      gitCommit: await readGitCommit(),
      trainSeconds: training.seconds,
      metrics,
      monitoring: await computeBaseline(model, data.validation, data.numClasses),
    });
    const saved = await saveModelFiles(dirs.modelDir, model, metadata);
    await writeReports(dirs.reportsDir, { version: options.version, evaluation, history: training.history });
    run.logMetrics({
      ...prefixKeys(metrics, 'test_'),
      train_seconds: training.seconds,
      train_cpu_seconds: training.cpuSeconds,
      train_images_per_second: training.imagesPerSecond,
    });
    await run.logArtifacts(dirs.modelDir, 'model');
    await run.logArtifact(path.join(dirs.modelDir, 'metadata.json'));
    await run.logArtifacts(dirs.reportsDir);
    const registered = await run.registerModel(options.version, saved.file_sha256 ?? {});
    log(
      `exported ${dirs.modelDir}${registered ? `; registered ${registered.name} version ${registered.version}` : ''}`,
    );
    return {
      version: options.version,
      modelDir: dirs.modelDir,
      reportsDir: dirs.reportsDir,
      runId: run.runId,
      registered,
      evaluation,
      training,
      datasetVersion: data.datasetVersion,
    };
  } finally {
    model.dispose();
  }
}

function parseVersionOptions(input: TrainVersionOptions): Options {
  const parsedOptions = parseOptions(trainVersionOptionsSchema, input, 'training options');
  try {
    assertVersionName(parsedOptions.version);
  } catch (err) {
    throw new TrainingError('INVALID_OPTIONS', (err as Error).message, { cause: err });
  }
  return parsedOptions;
}

async function assertFolderFree(dir: string): Promise<void> {
  const exists = await fs.stat(dir).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new TrainingError(
      'INVALID_OPTIONS',
      `${dir} already exists: exported versions are immutable; choose a new --version or remove the folder`,
    );
  }
}

function augmentOptions(o: Options) {
  return o.augment
    ? { symmetries: true, scaleJitter: o.scaleJitter, strokeJitter: o.strokeJitter }
    : (false as const);
}

/** The recipe fields of the options: what metadata.json and the MLflow run record. */
function recipeOf(o: Options): TrainingRecipe {
  const keys = Object.keys(trainingRecipeSchema.shape) as (keyof TrainingRecipe)[];
  return Object.fromEntries(keys.map((key) => [key, o[key]])) as TrainingRecipe;
}

function runParams(o: Options, data: TrainingData): Record<string, string | number | boolean> {
  return {
    architecture: o.architecture,
    ...recipeToFileRecord(recipeOf(o)),
    data_sources: data.sources.map((s) => s.name).join(','),
    train_images: data.train.classes.length,
    validation_images: data.validation.classes.length,
    test_images: data.test.classes.length,
    duplicates_dropped: data.duplicatesDropped,
  };
}

async function runTags(o: Options, data: TrainingData): Promise<Record<string, string>> {
  const tf = describeTensorflow();
  const commit = await readGitCommit();
  return {
    [`ring.version_name`]: o.version,
    dataset_version: data.datasetVersion,
    ...(commit ? { git_commit: commit, 'mlflow.source.git.commit': commit } : {}),
    tf_backend: tf.backend,
    tfjs_node_version: tf.tfjsNode,
    libtensorflow_version: tf.libtensorflow,
    architecture: o.architecture,
    step_kernel: isFastStepKernelInUse() ? 'fast (useFastStepKernel)' : 'tfjs-node',
  };
}

function epochMetrics(e: EpochLog): Record<string, number> {
  const { epoch: _epoch, ...metrics } = e;
  return metrics;
}

function prefixKeys(values: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
}

function describeData(data: TrainingData): string {
  const sources = data.sources.map((s) => `${s.name} (${s.records} records, ${s.datasetVersion})`).join(', ');
  const counts = `${data.train.classes.length} train, ${data.validation.classes.length} validation, ${data.test.classes.length} test`;
  return `data: ${sources}; ${counts}; ${data.duplicatesDropped} duplicate images dropped`;
}

/** One progress line per epoch. */
export function formatEpoch(e: EpochLog, epochs: number): string {
  const f = (v: number) => v.toFixed(3);
  return (
    `epoch ${e.epoch}/${epochs}  loss ${f(e.loss)} acc ${f(e.accuracy)}  ` +
    `val_loss ${f(e.val_loss)} val_acc ${f(e.val_accuracy)} val_mae ${f(e.val_mae)}  ` +
    `lr ${e.learning_rate.toPrecision(2)}  ${e.seconds.toFixed(1)} s  ${Math.round(e.images_per_second)} img/s`
  );
}

/** Accuracy and MAE on the test split, overall and per source, one line each. */
export function formatEvaluation(r: EvaluationReport): string {
  const line = (name: string, m: { accuracy: number; mae: number; n: number }) =>
    `${name}: accuracy ${m.accuracy.toFixed(3)}, MAE ${m.mae.toFixed(3)} (${m.n} images)`;
  const { column, groups } = r.by_group ?? { column: '', groups: {} };
  return [
    'test ' + line('all', r),
    ...Object.entries(r.by_source).map(([s, m]) => 'test ' + line(s, m)),
    ...Object.entries(groups).map(([g, m]) => `test ${column} ` + line(g, m)),
  ].join('\n');
}
