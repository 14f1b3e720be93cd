import type { DatasetManifest, IngestCounts } from '@rings/ring-model/core';
import type { StagedDataset } from './dataset-stage';
import type { ResolvedIngestOptions } from './options';
import type { InputFacts } from './read-json-array';

// The manifest's schema is the contract with training: ring-model's datasetManifestSchema.
export type Manifest = DatasetManifest;
export type { IngestCounts };

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
