import { z } from 'zod';
import type { StagedDataset } from './dataset-stage';
import type { ResolvedIngestOptions } from './options';
import type { InputFacts } from './read-json-array';

const countsSchema = z.object({
  read: z.number().int().nonnegative().describe('Records read from the source file.'),
  accepted: z.number().int().nonnegative().describe('Records added to the dataset.'),
  rejected: z.number().int().nonnegative().describe('Records sent to the DLQ.'),
  duplicates_skipped: z
    .number()
    .int()
    .nonnegative()
    .describe('Records identical (id, num_rings, image bytes) to one already in the dataset.'),
});

const ingestSchema = z.object({
  dataset_version: z.string().describe('Content hash of the dataset this ingest produced.'),
  created_at: z.string().describe('When the ingest finished (ISO 8601).'),
  source: z.object({
    file: z.string().describe('The records file, as given (data_loc/file_name).'),
    bytes: z.number().int().nonnegative(),
    sha256: z.string(),
  }),
  counts: countsSchema,
  append: z.boolean(),
});

/** manifest.json: what the dataset holds and how it was made. */
export const manifestSchema = ingestSchema.extend({
  schema_version: z.literal(1),
  previous_version: z.string().nullable().describe('dataset_version this one was appended to, if any.'),
  records: z.number().int().nonnegative().describe('Rows in compound_rings.csv.'),
  class_distribution: z.record(z.string(), z.number()).describe('Rows per num_rings value.'),
  checks: z.object({
    image_check: z.string(),
    max_image_bytes: z.number(),
    max_image_pixels: z.number(),
  }),
  images: z
    .record(z.string(), z.string())
    .describe('sha256 per image, keyed by path relative to the output.'),
  history: z.array(ingestSchema).describe('Earlier ingests of this dataset, oldest first.'),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type IngestCounts = z.infer<typeof countsSchema>;

/** What one run knows when it writes the manifest. */
export interface ManifestInput {
  options: ResolvedIngestOptions;
  source: string;
  input: InputFacts;
  counts: IngestCounts;
  staged: StagedDataset;
  /** The manifest of the dataset appended to, if any. */
  previous?: Manifest;
}

/** The manifest of a staged dataset, its images filled in by the stage. */
export function buildManifest({ options, source, input, counts, staged, previous }: ManifestInput): Manifest {
  const earlier = previous
    ? [
        ...previous.history,
        {
          dataset_version: previous.dataset_version,
          created_at: previous.created_at,
          source: previous.source,
          counts: previous.counts,
          append: previous.append,
        },
      ]
    : [];
  return {
    schema_version: 1,
    dataset_version: staged.datasetVersion,
    previous_version: previous?.dataset_version ?? null,
    created_at: new Date().toISOString(),
    source: { file: source, bytes: input.bytes, sha256: input.sha256 },
    counts,
    append: options.append,
    records: staged.records,
    class_distribution: staged.classDistribution,
    checks: {
      image_check: options.imageCheck,
      max_image_bytes: options.maxImageBytes,
      max_image_pixels: options.maxImagePixels,
    },
    images: {},
    history: earlier,
  };
}
