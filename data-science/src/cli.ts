#!/usr/bin/env node
// The training CLI: every command and flag is declared here; the action parses
// its flags with zod and calls trainVersion. Only this file sets the exit code.
import { MlflowError } from '@rings/mlflow-client';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { readTrainingEnv } from './config';
import { createConsoleReporter } from './console-reporter';
import { TrainingError, parseOptions } from './errors';
import { ARCHITECTURES, architectureSchema, DEFAULT_ARCHITECTURE } from './model';
import { useFastStepKernel } from './native-step';
import { RECIPE_KEYS, addRecipeOptions, recipeFlagsSchema } from './recipe-flags';
import { connectMlflowTracker, createNoTracking } from './tracking';
import { evaluateVersion } from './evaluate-version';
import { formatEvaluation, trainVersion } from './train-version';

const flagsSchema = recipeFlagsSchema(RECIPE_KEYS).extend({
  version: z.string(),
  arch: architectureSchema,
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
  // progress within an epoch on stderr: a redrawn line on a terminal, a line every 10 s in a log
  const { log, onBatchEnd, clear } = createConsoleReporter('train');
  const interrupt = new AbortController();
  const stop = (signal: string) => {
    log(`${signal}: stopping after the current batch (the MLflow run ends FAILED)`);
    interrupt.abort();
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  useFastStepKernel();
  const result = await trainVersion({ ...rest, architecture: arch, modelName: names.modelName }, tracker, {
    log,
    signal: interrupt.signal,
    onBatchEnd,
  }).finally(clear);
  const { seconds, cpuSeconds } = result.training;
  log(`done: ${result.modelDir}; trained in ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} CPU s)`);
}

const SPLIT_KEYS = ['splitSeed', 'validationFraction', 'testFraction'] as const;
const evaluateFlagsSchema = recipeFlagsSchema(SPLIT_KEYS).extend({
  model: z.string(),
  data: z.string(),
  extraData: z.array(z.string()).default([]),
  out: z.string().optional(),
  groups: z.array(z.string()).default([]),
});

async function runEvaluate(flags: unknown): Promise<void> {
  const report = await evaluateVersion(parseOptions(evaluateFlagsSchema, flags, 'flags'));
  console.log(formatEvaluation(report));
}

const program = new Command('data-science').description('Train ring-count CNNs, tracked in MLflow');
const train = program
  .command('train')
  .description('Train one model version: evaluate, export to <out>/<version>/, log to MLflow and register it')
  .requiredOption('--version <name>', 'version name, e.g. v1 (letters, digits, ".", "_", "-")')
  .addOption(
    new Option('--arch <name>', 'architecture')
      .choices(Object.keys(ARCHITECTURES))
      .default(DEFAULT_ARCHITECTURE),
  );
addRecipeOptions(train, RECIPE_KEYS)
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
const evaluate = program
  .command('evaluate')
  .description(
    'Score an exported version on the test split of any data (e.g. sources it was not trained on); give the split settings it was trained with',
  )
  .requiredOption('--model <dir>', 'exported version folder, e.g. data-science/models/v1')
  .option('--data <dir>', 'ingest output folder ("dir" or "name=dir")', 'data-science/data')
  .option('--extra-data <dir...>', 'more ingest output folders');
addRecipeOptions(evaluate, SPLIT_KEYS)
  .option('--out <file>', 'also write the evaluation JSON')
  .option(
    '--groups <csv...>',
    'CSV files of compound_id,<group> (e.g. from data-engineering ring-kinds): also score each group',
  )
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
