import path from 'node:path';
import { DATASET_FILES } from '@rings/ring-model/core';

/** File names inside the output folder (the contract with training); the staging folder mirrors them. */
export const CSV_FILE = DATASET_FILES.csv;
export const MANIFEST_FILE = DATASET_FILES.manifest;
export const IMAGES_DIR = DATASET_FILES.images;
export const STAGE_DIR = '.ingest-staging';
export const LOCK_FILE = '.ingest.lock';
/** Written into the staging folder once it holds a complete dataset: from then on, roll forward. */
export const READY_FILE = 'READY';
export const STAGED_DLQ = 'dlq.jsonl';

/** Paths of one dataset folder (the output, or its staging folder). */
export function datasetPaths(root: string) {
  return {
    root,
    csv: path.join(root, CSV_FILE),
    manifest: path.join(root, MANIFEST_FILE),
    images: path.join(root, IMAGES_DIR),
  };
}
