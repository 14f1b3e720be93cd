// The retraining loop as one use case: ingest a new raw batch, train a new
// version on the grown dataset, score it and the deployed version on the same
// test records, record the comparison, promote only a better model (or --force).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readDeployedPointer, readModelMetadata, storePaths, type ModelMetadata } from '@rings/ring-model';
import { z } from 'zod';
import { TrainingError, formatIssues } from '../errors';
import { ARCHITECTURES, type ArchitectureName } from '../model';
import type { Tracker } from '../tracking';
import { trainVersion, type TrainVersionOptions } from '../train-version';
import { readTestRecords, scoreModelOnRecords, splitOptionsOf, type VersionScore } from './compare-models';
import { decidePromotion } from './decide-promotion';
import type { IngestBatchOptions, IngestOutcome } from './ingest-batch';
import { nextVersionName } from './next-version';
import type { PromoteOptions } from './promote-version';
import type { ComparisonRecord } from './record-comparison';

const architectureNames = Object.keys(ARCHITECTURES) as [ArchitectureName, ...ArchitectureName[]];

export const retrainOptionsSchema = z.object({
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
  modelName: z.string().default('ring-counter'),
  version: z.string().optional().describe('candidate name (default: the next vN)'),
  force: z.boolean().default(false).describe('promote even when the candidate is not better'),
  minGain: z.number().min(0).max(1).default(0).describe('accuracy gain the candidate must exceed'),
  architecture: z.enum(architectureNames).optional().describe("default: the deployed version's"),
  epochs: z.number().int().min(1).optional(),
  batchSize: z.number().int().min(1).optional(),
  imageSize: z.number().int().min(16).optional(),
  learningRate: z.number().positive().optional(),
  seed: z.number().int().nonnegative().optional(),
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
}

export interface RetrainResult {
  comparison: ComparisonRecord;
  /** The MLflow run holding the comparison (null without tracking). */
  comparisonRunId: string | null;
  modelDir: string;
}

/** Run one round of the retraining loop. */
export async function retrain(input: RetrainOptions, deps: RetrainDeps): Promise<RetrainResult> {
  const o = parseOptions(input);
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

function parseOptions(input: RetrainOptions): z.infer<typeof retrainOptionsSchema> {
  const parsed = retrainOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new TrainingError(
      'INVALID_OPTIONS',
      `invalid retrain options:\n${formatIssues(parsed.error.issues)}`,
    );
  }
  return parsed.data;
}

/** The deployed version's recipe (from its metadata), overridden by the flags given. */
const recipeSchema = z.object({
  epochs: z.number().int().optional().catch(undefined),
  batch_size: z.number().int().optional().catch(undefined),
  image_size: z.number().int().optional().catch(undefined),
  num_classes: z.number().int().optional().catch(undefined),
  learning_rate: z.number().optional().catch(undefined),
  schedule: z.enum(['constant', 'cosine']).optional().catch(undefined),
  class_weight: z.enum(['none', 'sqrt', 'balanced']).optional().catch(undefined),
  augment: z.boolean().optional().catch(undefined),
  scale_jitter: z.number().optional().catch(undefined),
  seed: z.number().int().optional().catch(undefined),
  validation_fraction: z.number().optional().catch(undefined),
  test_fraction: z.number().optional().catch(undefined),
});

function trainingOptions(
  o: z.infer<typeof retrainOptionsSchema>,
  version: string,
  deployed: ModelMetadata | null,
): TrainVersionOptions {
  const r = recipeSchema.parse(deployed?.training.hyperparameters ?? {});
  const deployedArch = architectureNames.find((a) => a === deployed?.training.architecture);
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...defined({
      epochs: r.epochs,
      batchSize: r.batch_size,
      imageSize: r.image_size,
      numClasses: r.num_classes,
      learningRate: r.learning_rate,
      schedule: r.schedule,
      classWeight: r.class_weight,
      augment: r.augment,
      scaleJitter: r.augment === false ? undefined : r.scale_jitter,
      seed: r.seed,
      validationFraction: r.validation_fraction,
      testFraction: r.test_fraction,
    }),
    ...defined({
      epochs: o.epochs,
      batchSize: o.batchSize,
      imageSize: o.imageSize,
      learningRate: o.learningRate,
      seed: o.seed,
    }),
    architecture: o.architecture ?? deployedArch ?? 'v1',
    version,
    modelName: o.modelName,
    data: o.data,
    out: o.out,
    reports: o.reports,
  };
}
