// The retraining loop as one use case: ingest a new raw batch, train a new
// version on the grown dataset, score it and the deployed version on the same
// test records, record the comparison, promote only a better model (or --force).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_MODEL_NAME,
  readDeployedPointer,
  readModelMetadata,
  recordedRecipeSchema,
  storePaths,
  type ModelMetadata,
} from '@rings/ring-model';
import { z } from 'zod';
import type { BatchProgressHook } from '../batch-progress';
import { parseOptions } from '../errors';
import { ARCHITECTURE_NAMES, architectureSchema } from '../model';
import type { Tracker } from '../tracking';
import { trainVersion, type TrainVersionOptions } from '../train-version';
import {
  readTestRecords,
  scoreModelOnRecords,
  splitOptionsOf,
  splitSeedOf,
  type VersionScore,
} from './compare-models';
import { decidePromotion } from './decide-promotion';
import type { IngestBatchOptions, IngestOutcome } from './ingest-batch';
import { nextVersionName } from './next-version';
import type { PromoteOptions } from './promote-version';
import type { ComparisonRecord } from './record-comparison';

/** The recipe fields retrain lets a flag override; the rest is the deployed version's. */
export const RETRAIN_RECIPE_KEYS = ['epochs', 'batchSize', 'imageSize', 'learningRate', 'seed'] as const;

export const retrainOptionsSchema = recordedRecipeSchema.pick(pickKeys(RETRAIN_RECIPE_KEYS)).extend({
  raw: z
    .string()
    .optional()
    .describe('new raw batch (compounds.json + images/); none: retrain on the current data'),
  fileName: z.string().default('compounds.json').describe('the records file inside the raw batch'),
  dlq: z.string().optional().describe("the ingest's dead-letter queue (default: the ingest's)"),
  data: z.string().default('data-science/data').describe('the dataset the batch is appended to'),
  out: z.string().default('data-science/models').describe('exports go to <out>/<version>/'),
  reports: z.string().default('data-science/reports').describe('reports (and comparison.json) per version'),
  storeDir: z.string().default('models').describe('the model store ($MODEL_STORE_DIR)'),
  modelName: z.string().default(DEFAULT_MODEL_NAME),
  version: z.string().optional().describe('candidate name (default: the next vN)'),
  force: z.boolean().default(false).describe('promote even when the candidate is not better'),
  minGain: z.number().min(0).max(1).default(0).describe('accuracy gain the candidate must exceed'),
  architecture: architectureSchema.optional().describe("default: the deployed version's"),
});
export type RetrainOptions = z.input<typeof retrainOptionsSchema>;

/** The loop's collaborators: real commands and MLflow in production and in the tests alike. */
export interface RetrainDeps {
  tracker: Tracker;
  ingest(options: IngestBatchOptions): Promise<IngestOutcome>;
  promote(options: PromoteOptions): Promise<void>;
  /** Records the comparison (MLflow); returns the comparison run id. Absent without tracking. */
  record?: (record: ComparisonRecord) => Promise<string>;
  log(line: string): void;
  /** Progress within each training epoch. */
  onBatchEnd?: BatchProgressHook;
}

export interface RetrainResult {
  comparison: ComparisonRecord;
  /** The MLflow run holding the comparison (null without tracking). */
  comparisonRunId: string | null;
  modelDir: string;
}

/** Run one round of the retraining loop. */
export async function retrain(input: RetrainOptions, deps: RetrainDeps): Promise<RetrainResult> {
  const o = parseOptions(retrainOptionsSchema, input, 'retrain options');
  const pointer = await readDeployedPointer(o.storeDir);
  const deployedDir = pointer ? storePaths(o.storeDir).version(pointer.version) : null;
  const deployedMetadata = deployedDir ? await readModelMetadata(deployedDir) : null;
  deps.log(pointer ? `deployed: ${pointer.version}` : 'nothing is deployed yet');
  if (o.raw) {
    const ingested = await deps.ingest({
      raw: o.raw,
      fileName: o.fileName,
      dataDir: o.data,
      dlq: o.dlq,
      log: deps.log,
    });
    deps.log(`dataset ${ingested.append ? 'grown' : 'created'}: ${ingested.datasetVersion}`);
  }
  const version = o.version ?? (await nextVersionName([o.storeDir, o.out]));
  const trained = await trainVersion(trainingOptions(o, version, deployedMetadata), deps.tracker, {
    log: deps.log,
    onBatchEnd: deps.onBatchEnd,
  });
  const candidateMetadata = await readModelMetadata(trained.modelDir);
  const split = splitOptionsOf(candidateMetadata);
  const records = await readTestRecords([o.data], split);
  const candidate = await scoreModelOnRecords(trained.modelDir, records, split.numClasses);
  const deployed: VersionScore | null = deployedDir
    ? await scoreModelOnRecords(deployedDir, records, split.numClasses)
    : null;
  const decision = decidePromotion(candidate, deployed, o);
  deps.log(decision.reason);
  const comparison: ComparisonRecord = {
    time: new Date().toISOString(),
    raw_batch: o.raw ? path.resolve(o.raw) : null,
    dataset_version: trained.datasetVersion,
    candidate: { ...candidate, run_id: trained.runId, registry_version: trained.registered?.version ?? null },
    deployed,
    decision,
    outcome: decision.promote ? 'promoted' : 'kept',
    force: o.force,
    min_gain: o.minGain,
  };
  let failure: unknown;
  if (decision.promote) {
    await deps
      .promote({ version, sourceDir: o.out, storeDir: o.storeDir, modelName: o.modelName, log: deps.log })
      .catch((err: unknown) => {
        comparison.outcome = 'promotion_failed';
        failure = err;
      });
  }
  // The comparison is recorded whatever happened, a failed promotion included.
  await fs.writeFile(
    path.join(trained.reportsDir, 'comparison.json'),
    `${JSON.stringify(comparison, null, 2)}\n`,
  );
  const comparisonRunId = deps.record ? await deps.record(comparison) : null;
  if (failure !== undefined) throw failure;
  deps.log(`${version}: ${comparison.outcome}`);
  return { comparison, comparisonRunId, modelDir: trained.modelDir };
}

function pickKeys<K extends string>(keys: readonly K[]): { [P in K]: true } {
  return Object.fromEntries(keys.map((key) => [key, true])) as { [P in K]: true };
}

/** The deployed version's recipe (from its metadata), overridden by the flags given; training fills the rest. */
function trainingOptions(
  o: z.infer<typeof retrainOptionsSchema>,
  version: string,
  deployed: ModelMetadata | null,
): TrainVersionOptions {
  const deployedArch = ARCHITECTURE_NAMES.find((a) => a === deployed?.training.architecture);
  const flags = Object.fromEntries(
    RETRAIN_RECIPE_KEYS.map((key) => [key, o[key]]).filter(([, v]) => v !== undefined),
  );
  return {
    ...deployed?.training.hyperparameters,
    // Split as the deployed version was, so it is not scored on compounds it trained on.
    ...(deployed && { splitSeed: splitSeedOf(deployed) }),
    ...flags,
    architecture: o.architecture ?? deployedArch ?? 'v1',
    version,
    modelName: o.modelName,
    data: o.data,
    out: o.out,
    reports: o.reports,
  };
}
