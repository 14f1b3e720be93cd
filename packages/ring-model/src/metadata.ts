import { formatZodIssues } from '@rings/zod-issues';
import { z } from 'zod';
import { preprocessingSchema } from './preprocess';
import { recipeFileCodec } from './recipe-file';
import { versionNameSchema } from './version-name';

export const METADATA_SCHEMA_VERSION = 1;

/** A histogram over fixed bin edges: counts[i] counts values in [edges[i], edges[i+1]). */
export const histogramSchema = z
  .object({
    edges: z.array(z.number()).min(2).describe('ascending bin edges; the last bin includes its upper edge'),
    counts: z.array(z.number().int().nonnegative()).describe('one count per bin (edges.length - 1)'),
  })
  .refine((h) => h.counts.length === h.edges.length - 1, {
    message: 'counts must have edges.length - 1 entries',
  });
export type Histogram = z.infer<typeof histogramSchema>;

/** What the model saw on the validation split: the reference for drift monitoring. */
export const monitoringBaselineSchema = z.object({
  sample_size: z.number().int().nonnegative().describe('validation images the baseline was computed on'),
  predicted_class: z.array(z.number().int().nonnegative()).describe('count of predictions per class'),
  confidence: histogramSchema.describe('distribution of the top-class probability'),
  inputs: z
    .record(z.string(), histogramSchema)
    .describe('cheap input statistics, by name (ink_fraction, ...)'),
  samples: z
    .record(z.string(), z.array(z.number()))
    .optional()
    .describe('evenly spaced order statistics per statistic (confidence and inputs) for KS tests'),
});
export type MonitoringBaseline = z.infer<typeof monitoringBaselineSchema>;

/** A file name inside a version's folder: no separators, no "." or "..", nothing absolute. */
export const PLAIN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** sha256 (lowercase hex) of each model file, by plain file name. */
export const fileSha256Schema = z
  .record(z.string(), z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 as 64 lowercase hex digits'))
  .superRefine((files, ctx) => {
    for (const name of Object.keys(files).filter((n) => !PLAIN_FILE_NAME.test(n))) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'a plain file name inside the version folder' });
    }
  });
export type FileSha256 = z.infer<typeof fileSha256Schema>;

/**
 * metadata.json: everything needed to serve, audit and monitor a stored model version.
 * Parsing decodes the file (snake_case recipe) into ModelMetadata; encodeModelMetadata writes it back.
 */
export const modelMetadataSchema = z.object({
  schema_version: z.literal(METADATA_SCHEMA_VERSION).describe('format of this file'),
  name: z.string().min(1).describe('registered model name, e.g. ring-counter'),
  version: versionNameSchema,
  created_at: z.iso.datetime().describe('when training finished (ISO 8601)'),
  input: preprocessingSchema.describe('preprocessing parameters; serving uses these'),
  labels: z
    .object({
      num_classes: z.number().int().min(2).describe('K: classes 0..K-1, the last meaning K-1 or more'),
      names: z.array(z.string()).describe('human label per class'),
    })
    .refine((l) => l.names.length === l.num_classes, { message: 'names must have num_classes entries' }),
  training: z.object({
    architecture: z.string().min(1).describe('architecture name, e.g. v1'),
    hyperparameters: recipeFileCodec.describe(
      'the training recipe (snake_case keys in the file, camelCase in code); fields a file lacks are absent',
    ),
    dataset_version: z.string().min(1).describe('dataset_version from the ingest manifest'),
    mlflow_run_id: z.string().nullable().default(null).describe('MLflow run, null without tracking'),
    mlflow_experiment: z.string().nullable().default(null),
    git_commit: z.string().nullable().default(null),
    train_seconds: z.number().nonnegative().optional(),
  }),
  metrics: z.record(z.string(), z.number()).default({}).describe('test-split metrics: accuracy, mae, ...'),
  monitoring: monitoringBaselineSchema.optional().describe('baseline for drift monitoring'),
  file_sha256: fileSha256Schema
    .optional()
    .describe(
      'sha256 of every model file as training wrote it (model.json and each weight file it names), by file name; promotion refuses files that differ. Absent in models saved before it was recorded',
    ),
});
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;
/** metadata.json as the file holds it. */
export type ModelMetadataFile = z.input<typeof modelMetadataSchema>;

/** Thrown when metadata.json does not match the schema; the message lists every problem. */
export class InvalidMetadataError extends Error {
  readonly code = 'INVALID_METADATA';
}

/** Parse and validate metadata (already JSON-decoded); throws InvalidMetadataError. */
export function parseModelMetadata(value: unknown, source = 'metadata.json'): ModelMetadata {
  const result = modelMetadataSchema.safeParse(value);
  if (!result.success) {
    throw new InvalidMetadataError(
      `${source} is not valid model metadata:\n${formatZodIssues(result.error.issues)}`,
    );
  }
  return result.data;
}

/** Validate metadata and turn it into what metadata.json holds; throws InvalidMetadataError. */
export function encodeModelMetadata(metadata: ModelMetadata): ModelMetadataFile {
  const result = modelMetadataSchema.safeEncode(metadata);
  if (!result.success) {
    throw new InvalidMetadataError(`model metadata is not valid:\n${formatZodIssues(result.error.issues)}`);
  }
  return result.data;
}
