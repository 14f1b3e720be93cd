// Typed errors: the CLI entry file maps each code to a distinct exit code.

/** What went wrong, as a stable code that the CLI turns into an exit code. */
export type DataEngineeringErrorCode =
  | 'INVALID_OPTIONS'
  | 'MALFORMED_INPUT'
  | 'SOURCE_NOT_FOUND'
  | 'OUTPUT_LOCKED'
  | 'OUTPUT_CORRUPT'
  | 'INTERRUPTED';

/** Exit code per error code; 0 means the run finished (DLQ entries included). */
export const EXIT_CODES: Readonly<Record<DataEngineeringErrorCode, number>> = {
  INVALID_OPTIONS: 2,
  MALFORMED_INPUT: 3,
  SOURCE_NOT_FOUND: 4,
  OUTPUT_LOCKED: 5,
  OUTPUT_CORRUPT: 6,
  INTERRUPTED: 130,
};

/** A fatal error of the builder or the ingest: the message says how to fix it. */
export class DataEngineeringError extends Error {
  readonly code: DataEngineeringErrorCode;

  constructor(code: DataEngineeringErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataEngineeringError';
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}
