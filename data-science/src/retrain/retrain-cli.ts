#!/usr/bin/env node
// retrain: one round of the retraining loop (npm run retrain -- --raw <dir>).
// Flags are declared and parsed here; only this file sets the exit code.
import path from 'node:path';
import { MlflowError } from '@rings/mlflow-client';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { readTrainingEnv } from '../config';
import { TrainingError, parseOptions } from '../errors';
import { ARCHITECTURES, architectureSchema } from '../model';
import { useFastStepKernel } from '../native-step';
import { addRecipeOptions, recipeFlagsSchema } from '../recipe-flags';
import { createConsoleReporter } from '../console-reporter';
import { createRetrainDeps } from './create-deps';
import { RetrainError } from './errors';
import { RETRAIN_RECIPE_KEYS, retrain } from './retrain';

const flagsSchema = recipeFlagsSchema(RETRAIN_RECIPE_KEYS).extend({
  raw: z.string().optional(),
  fileName: z.string().optional(),
  dlq: z.string().optional(),
  data: z.string(),
  out: z.string(),
  reports: z.string(),
  version: z.string().optional(),
  force: z.boolean().default(false),
  minGain: z.coerce.number().optional(),
  arch: architectureSchema.optional(),
  tracking: z.boolean(),
});
const envSchema = z.object({ MODEL_STORE_DIR: z.string().min(1).default('./models') });

async function run(flags: unknown): Promise<void> {
  const { arch, tracking, ...rest } = parseOptions(flagsSchema, flags, 'flags');
  const env = {
    ...readTrainingEnv(),
    ...envSchema.parse({ MODEL_STORE_DIR: process.env.MODEL_STORE_DIR || undefined }),
  };
  const { log, onBatchEnd, clear } = createConsoleReporter('retrain');
  const deps = await createRetrainDeps({
    tracking,
    experiment: env.MLFLOW_EXPERIMENT,
    modelName: env.MODEL_NAME,
    log,
    onBatchEnd,
  });
  useFastStepKernel();
  const result = await retrain(
    { ...rest, architecture: arch, storeDir: path.resolve(env.MODEL_STORE_DIR), modelName: env.MODEL_NAME },
    deps,
  ).finally(clear);
  const { candidate, deployed, outcome } = result.comparison;
  const serving = outcome === 'promoted' ? candidate.version : (deployed?.version ?? 'nothing');
  const run = result.comparisonRunId ? `; comparison in MLflow run ${result.comparisonRunId}` : '';
  log(`${candidate.version} ${outcome}; ${serving} is deployed${run}`);
}

const program = new Command('retrain')
  .description(
    'Ingest a new raw batch (--append), train a new version on the grown dataset, compare it with the ' +
      'deployed version on the same test split, record the comparison in MLflow, and promote it only if better.',
  )
  .option('--raw <dir>', 'the new raw batch (compounds.json + images/); omit to retrain on the current data')
  .option('--file-name <file>', 'records file inside the raw batch (default compounds.json)')
  .option('--dlq <file>', "dead-letter queue of the ingest (default: the ingest's)")
  .option('--data <dir>', 'the dataset the batch is appended to', 'data-science/data')
  .option('--out <dir>', 'export folder: <out>/<version>/', 'data-science/models')
  .option('--reports <dir>', 'reports and comparison.json: <reports>/<version>/', 'data-science/reports')
  .option('--version <name>', 'candidate version name (default: the next vN)')
  .option('--force', 'promote even if the candidate is not better')
  .option('--min-gain <x>', 'test accuracy gain the candidate must exceed (default 0)')
  .addOption(
    new Option('--arch <name>', "architecture (default: the deployed version's)").choices(
      Object.keys(ARCHITECTURES),
    ),
  )
  .option('--no-tracking', 'no MLflow (the comparison is still written to comparison.json)')
  .addHelpText(
    'after',
    '\nEnvironment: MODEL_STORE_DIR (./models), MLFLOW_TRACKING_URI, MLFLOW_EXPERIMENT, MODEL_NAME.\nExit codes: 0 done (promoted or kept), 2 invalid options, 3 invalid data, 4 MLflow unreachable, 5 ingest failed, 6 promotion failed, 7 not built.',
  )
  .action(run);
addRecipeOptions(
  program,
  RETRAIN_RECIPE_KEYS,
  (_key, value) => `default: the deployed version's, else ${String(value)}`,
);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof TrainingError || err instanceof RetrainError) {
    console.error(`[retrain] error: ${err.message}`);
    process.exitCode = err.exitCode;
  } else if (err instanceof MlflowError) {
    console.error(`[retrain] MLflow error (${err.code}): ${err.message}`);
    process.exitCode = 4;
  } else {
    console.error('[retrain] failed:', err);
    process.exitCode = 1;
  }
});
