export { buildRawData, type BuildRawDataOptions, type BuildRawDataResult } from './build/build-raw-data';
export { ingestDataset, type IngestSummary } from './ingest/ingest-dataset';
export { ingestOptionsSchema, type IngestOptions } from './ingest/options';
// manifest.json's schema is @rings/ring-model's datasetManifestSchema.
export type { Manifest, IngestCounts } from './ingest/manifest';
export type { DlqEntry } from './ingest/dlq';
export type { ImageCheckLevel } from './ingest/check-png';
export {
  makeSyntheticRawSet,
  type SyntheticRawSetOptions,
  type SyntheticRawSet,
} from './synthetic/make-synthetic-raw-set';
export { DataEngineeringError, EXIT_CODES, type DataEngineeringErrorCode } from './shared/errors';
