import { assertFileSha256 } from '../file-sha256';
import type { FileSha256 } from '../metadata';
import { readModelMetadata } from '../metadata-file';
import { ModelStoreError } from './errors';

/** What a promotion checks about where a version's files come from. */
export interface ProvenanceOptions {
  /** sha256 recorded outside the folder (the registry's version tags); the files must match them too. */
  expected?: FileSha256;
  /** Where `expected` comes from, for messages, e.g. "MLflow version 3's tags". */
  expectedFrom?: string;
  /** Refuse a version whose sha256 is recorded nowhere (neither metadata.json nor `expected`). */
  required?: boolean;
}

/** verified: every model file matched its recorded sha256; unrecorded: none was recorded (older exports). */
export type Provenance = 'verified' | 'unrecorded';

/**
 * Check dir's model files against the sha256 metadata.json records and those
 * in options.expected. Throws PROVENANCE_MISMATCH naming the file that differs,
 * PROVENANCE_MISSING when options.required and nothing is recorded.
 */
export async function assertProvenance(
  dir: string,
  version: string,
  options: ProvenanceOptions = {},
): Promise<Provenance> {
  const metadata = await readModelMetadata(dir).catch((err: unknown) => {
    throw new ModelStoreError('MODEL_INVALID', `version ${version}: ${(err as Error).message}`, {
      cause: err,
    });
  });
  const recorded = metadata.file_sha256;
  if (recorded !== undefined) await assertFileSha256(dir, recorded, `${version}'s metadata.json`);
  if (options.expected !== undefined) {
    await assertFileSha256(dir, options.expected, options.expectedFrom ?? 'the expected sha256');
  }
  if (recorded === undefined && options.expected === undefined) {
    if (options.required) {
      throw new ModelStoreError(
        'PROVENANCE_MISSING',
        `version ${version} records no sha256 of its files (not in metadata.json${options.expectedFrom ? ` nor in ${options.expectedFrom}` : ''}), so nothing shows they are what training produced; promote it from its local export, or retrain it`,
      );
    }
    return 'unrecorded';
  }
  return 'verified';
}
