// The ingest output (data-science/data/): what the ingest writes and training
// reads. compound_rings.csv (one row per accepted record), images/ and
// manifest.json. Readers that need a few fields pick them from these schemas.
import path from 'node:path';
import { z } from 'zod';

/** File names inside a dataset folder. */
export const DATASET_FILES = {
  csv: 'compound_rings.csv',
  manifest: 'manifest.json',
  images: 'images',
} as const;

/** The columns of compound_rings.csv, in order. */
export const DATASET_CSV_COLUMNS = ['compound_id', 'num_rings', 'image'] as const;

/** One row of compound_rings.csv (CSV cells are text: num_rings is coerced). */
export const datasetRowSchema = z.object({
  compound_id: z.string().min(1).describe('unique id of the compound'),
  num_rings: z.coerce.number().int().nonnegative().describe('the label: RDKit NumRings'),
  image: z
    .string()
    .min(1)
    .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'must stay inside the folder')
    .describe('the PNG, relative to the dataset folder (images/<id>.png)'),
});
export type DatasetRow = z.infer<typeof datasetRowSchema>;

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
export type IngestCounts = z.infer<typeof countsSchema>;

/** What one ingest run did; the manifest keeps the earlier ones in history. */
export const ingestRunSchema = z.object({
  dataset_version: z.string().min(1).describe('Content hash of the dataset this ingest produced.'),
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
export const datasetManifestSchema = ingestRunSchema.extend({
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
  history: z.array(ingestRunSchema).describe('Earlier ingests of this dataset, oldest first.'),
});
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;
