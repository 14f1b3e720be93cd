#!/usr/bin/env node
// The training CLI: every command and flag is declared here; the action parses
// its flags with zod and calls trainVersion. Only this file sets the exit code.
import { MlflowError } from '@rings/mlflow-client';
import { DEFAULT_TRAINING_METHOD, PREPROCESSING_METHODS } from '@rings/ring-model';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { readTrainingEnv } from './config';
import { TrainingError, parseOptions } from './errors';
import { ARCHITECTURES, type ArchitectureName } from './model';
import { connectMlflowTracker, createNoTracking } from './tracking';
import { evaluateVersion } from './evaluate-version';
import { formatEvaluation, trainVersion } from './train-version';

const int = z.coerce.number().int();
const flagsSchema = z.object({
  version: z.string(),
  arch: z.enum(Object.keys(ARCHITECTURES) as [ArchitectureName, ...ArchitectureName[]]),
  epochs: int.optional(),
  batchSize: int.optional(),
  imageSize: int.optional(),
  preprocessing: z.enum(PREPROCESSING_METHODS).optional(),
  numClasses: int.optional(),
  learningRate: z.coerce.number().optional(),
  classWeight: z.enum(['none', 'sqrt', 'balanced']).optional(),
  augment: z.boolean(),
  scaleJitter: z.coerce.number().optional(),
  seed: int.optional(),
  data: z.string(),
  extraData: z.array(z.string()).default([]),
  out: z.string(),
  reports: z.string(),
  tracking: z.boolean(),
  experiment: z.string().optional(),
  modelName: z.string().optional(),
});

async function runTrain(flags: unknown): Promise<void> {
  const { arch, tracking, experiment, modelName, ...rest } = parseOptions(flagsSchema, flags, 'flags');
  const env = readTrainingEnv();
  const names = { experiment: experiment ?? env.MLFLOW_EXPERIMENT, modelName: modelName ?? env.MODEL_NAME };
  const tracker = tracking ? await connectMlflowTracker(names) : createNoTracking();
  const log = (line: string): void => console.log(`[train] ${line}`);
  const interrupt = new AbortController();
  const stop = (signal: string) => {
    log(`${signal}: stopping after the current batch (the MLflow run ends FAILED)`);
    interrupt.abort();
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const result = await trainVersion({ ...rest, architecture: arch, modelName: names.modelName }, tracker, {
    log,
    signal: interrupt.signal,
  });
  const { seconds, cpuSeconds } = result.training;
  log(`done: ${result.modelDir}; trained in ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} CPU s)`);
}

const evaluateFlagsSchema = z.object({
  model: z.string(),
  data: z.string(),
  extraData: z.array(z.string()).default([]),
  seed: int.optional(),
  out: z.string().optional(),
});

async function runEvaluate(flags: unknown): Promise<void> {
  const report = await evaluateVersion(parseOptions(evaluateFlagsSchema, flags, 'flags'));
  console.log(formatEvaluation(report));
}

const program = new Command('data-science').description('Train ring-count CNNs, tracked in MLflow');
program
  .command('train')
  .description('Train one model version: evaluate, export to <out>/<version>/, log to MLflow and register it')
  .requiredOption('--version <name>', 'version name, e.g. v1 (letters, digits, ".", "_", "-")')
  .addOption(
    new Option('--arch <name>', 'architecture').choices(Object.keys(ARCHITECTURES)).makeOptionMandatory(),
  )
  .option('--epochs <n>', 'passes over the training split (default 15)')
  .option('--batch-size <n>', 'images per gradient step (default 64)')
  .option('--image-size <n>', 'model input is n x n pixels (default 96)')
  .addOption(
    new Option(
      '--preprocessing <method>',
      `how pixels become the model input (default ${DEFAULT_TRAINING_METHOD})`,
    ).choices(PREPROCESSING_METHODS),
  )
  .option('--num-classes <k>', 'classes 0..k-1, the last meaning k-1 or more (default 7)')
  .option('--learning-rate <x>', 'Adam learning rate at the start (default 0.001)')
  .addOption(
    new Option('--class-weight <mode>', 'loss weight per class').choices(['none', 'sqrt', 'balanced']),
  )
  .option('--no-augment', 'no rotations, flips or scale jitter')
  .option('--scale-jitter <x>', 'shrink drawings by up to this share (default 0.1)')
  .option('--seed <n>', 'seeds the split, initialisers, shuffling, augmentation (default 42)')
  .option('--data <dir>', 'ingest output folder ("dir" or "name=dir")', 'data-science/data')
  .option(
    '--extra-data <dir...>',
    'more ingest output folders (e.g. other sources), trained and tested alike',
  )
  .option('--out <dir>', 'export folder: <out>/<version>/', 'data-science/models')
  .option('--reports <dir>', 'evaluation and plots: <reports>/<version>/', 'data-science/reports')
  .option('--no-tracking', 'do not log to MLflow (otherwise an unreachable server is an error)')
  .option('--experiment <name>', 'MLflow experiment (default $MLFLOW_EXPERIMENT or ring-count)')
  .option('--model-name <name>', 'registered model (default $MODEL_NAME or ring-counter)')
  .action(runTrain);
program
  .command('evaluate')
  .description('Score an exported version on the test split of any data (e.g. sources it was not trained on)')
  .requiredOption('--model <dir>', 'exported version folder, e.g. data-science/models/v1')
  .option('--data <dir>', 'ingest output folder ("dir" or "name=dir")', 'data-science/data')
  .option('--extra-data <dir...>', 'more ingest output folders')
  .option('--seed <n>', 'split seed used in training (default 42)')
  .option('--out <file>', 'also write the evaluation JSON')
  .action(runEvaluate);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof TrainingError) {
    console.error(`[train] error: ${err.message}`);
    process.exitCode = err.exitCode;
  } else if (err instanceof MlflowError) {
    console.error(`[train] MLflow error (${err.code}): ${err.message}`);
    process.exitCode = 4;
  } else {
    console.error('[train] failed:', err);
    process.exitCode = 1;
  }
});
