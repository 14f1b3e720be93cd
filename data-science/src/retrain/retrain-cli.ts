#!/usr/bin/env node
// retrain: one round of the retraining loop (npm run retrain -- --raw <dir>).
// Flags are declared and parsed here; only this file sets the exit code.
import path from 'node:path';
import { MlflowError } from '@rings/mlflow-client';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { readTrainingEnv } from '../config';
import { TrainingError, formatIssues } from '../errors';
import { ARCHITECTURES, type ArchitectureName } from '../model';
import { createRetrainDeps } from './create-deps';
import { RetrainError } from './errors';
import { retrain } from './retrain';

const number = z.coerce.number();
const flagsSchema = z.object({
  raw: z.string().optional(),
  fileName: z.string().optional(),
  dlq: z.string().optional(),
  data: z.string(),
  out: z.string(),
  reports: z.string(),
  version: z.string().optional(),
  force: z.boolean().default(false),
  minGain: number.optional(),
  arch: z.enum(Object.keys(ARCHITECTURES) as [ArchitectureName, ...ArchitectureName[]]).optional(),
  epochs: number.optional(),
  batchSize: number.optional(),
  imageSize: number.optional(),
  learningRate: number.optional(),
  seed: number.optional(),
  tracking: z.boolean(),
});
const envSchema = z.object({ MODEL_STORE_DIR: z.string().min(1).default('./models') });

async function run(flags: unknown): Promise<void> {
  const parsed = flagsSchema.safeParse(flags);
  if (!parsed.success)
    throw new TrainingError('INVALID_OPTIONS', `invalid flags:\n${formatIssues(parsed.error.issues)}`);
  const { arch, tracking, ...rest } = parsed.data;
  const env = {
    ...readTrainingEnv(),
    ...envSchema.parse({ MODEL_STORE_DIR: process.env.MODEL_STORE_DIR || undefined }),
  };
  const log = (line: string): void => console.log(`[retrain] ${line}`);
  const deps = await createRetrainDeps({
    tracking,
    experiment: env.MLFLOW_EXPERIMENT,
    modelName: env.MODEL_NAME,
    log,
  });
  const result = await retrain(
    { ...rest, architecture: arch, storeDir: path.resolve(env.MODEL_STORE_DIR), modelName: env.MODEL_NAME },
    deps,
  );
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
  .option('--epochs <n>', "training epochs (default: the deployed version's recipe)")
  .option('--batch-size <n>', 'images per gradient step')
  .option('--image-size <n>', 'model input size')
  .option('--learning-rate <x>', 'Adam learning rate')
  .option('--seed <n>', 'seed of split, initialisers and augmentation')
  .option('--no-tracking', 'no MLflow (the comparison is still written to comparison.json)')
  .addHelpText(
    'after',
    '\nEnvironment: MODEL_STORE_DIR (./models), MLFLOW_TRACKING_URI, MLFLOW_EXPERIMENT, MODEL_NAME.\nExit codes: 0 done (promoted or kept), 2 invalid options, 3 invalid data, 4 MLflow unreachable, 5 ingest failed, 6 promotion failed, 7 not built.',
  )
  .action(run);

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
