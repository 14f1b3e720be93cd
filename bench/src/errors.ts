/** Why a benchmark could not run (a slow figure is never an error). */
export type BenchErrorCode = 'NOT_BUILT' | 'SETUP_FAILED' | 'PEER_FAILED' | 'RUN_FAILED' | 'INVALID_OPTIONS';

/** A benchmark that cannot run; the message says what is missing and how to fix it. */
export class BenchError extends Error {
  readonly code: BenchErrorCode;

  constructor(code: BenchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
    this.code = code;
  }
}
