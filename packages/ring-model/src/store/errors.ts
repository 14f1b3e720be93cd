/** What went wrong in the model store; callers (CLI exit codes, HTTP statuses) branch on it. */
export type ModelStoreErrorCode =
  | 'VERSION_NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'MODEL_INVALID'
  | 'PROVENANCE_MISMATCH'
  | 'PROVENANCE_MISSING'
  | 'POINTER_INVALID'
  | 'NOTHING_DEPLOYED'
  | 'NO_PREVIOUS_VERSION'
  | 'LOCK_TIMEOUT';

/** A failed model store operation; the message says how to fix it. */
export class ModelStoreError extends Error {
  constructor(
    readonly code: ModelStoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ModelStoreError';
  }
}
