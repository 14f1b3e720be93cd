import { availableParallelism } from 'node:os';
import { formatZodIssues } from '@rings/ring-model/core';
import { z } from 'zod';
import { DataEngineeringError } from '../shared/errors';
import type { ProgressEvent } from '../shared/progress';

/** Options of `ingestDataset`; paths are relative to the working directory. */
export const ingestOptionsSchema = z.object({
  dataLoc: z
    .string()
    .min(1)
    .default('raw-data')
    .describe('Folder of the raw export; images must lie inside it.'),
  fileName: z
    .string()
    .min(1)
    .default('compounds.json')
    .describe('The JSON array of records, inside dataLoc.'),
  outputPath: z.string().min(1).default('data-science/data').describe('Where the dataset is written.'),
  dlq: z
    .string()
    .min(1)
    .default('data-engineering/ingest/dlq.log')
    .describe('Dead-letter queue: rejected records are appended here as JSON lines.'),
  append: z.boolean().default(false).describe('Add to the existing dataset instead of replacing it.'),
  imageCheck: z
    .enum(['crc', 'inflate', 'decode'])
    .default('inflate')
    .describe(
      'crc: structure and checksums; inflate: also decompress all image data; decode: also decode with sharp.',
    ),
  maxImageBytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024)
    .describe('Largest image file accepted.'),
  maxImagePixels: z
    .number()
    .int()
    .positive()
    .default(4096 * 4096)
    .describe('Most pixels an image may claim.'),
  linkImages: z
    .boolean()
    .default(true)
    .describe('Hard-link validated images into the dataset when on the same filesystem (else copy).'),
  workers: z
    .number()
    .int()
    .min(0)
    .max(16)
    .default(() => Math.min(availableParallelism(), 4))
    .describe('Image worker threads (0: check on the main thread).'),
  lockLeaseMs: z
    .number()
    .int()
    .min(1000)
    .default(60_000)
    .describe(
      'Lease of the output lock: renewed every third of it; an ingest on another host that stops renewing it for this long is taken over.',
    ),
  onProgress: z.custom<(event: ProgressEvent) => void>((v) => typeof v === 'function').optional(),
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
});

export type IngestOptions = z.input<typeof ingestOptionsSchema>;
export type ResolvedIngestOptions = z.output<typeof ingestOptionsSchema>;

/** Parses options at the boundary; a bad value stops with one "field: problem" line each. */
export function parseIngestOptions(input: IngestOptions): ResolvedIngestOptions {
  const parsed = ingestOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DataEngineeringError(
    'INVALID_OPTIONS',
    `invalid ingest options:\n${formatZodIssues(parsed.error.issues)}`,
  );
}
