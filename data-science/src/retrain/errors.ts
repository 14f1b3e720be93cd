// The retraining loop's own failures; training failures stay TrainingErrors.

export type RetrainErrorCode = 'INGEST_FAILED' | 'PROMOTION_FAILED' | 'NOT_BUILT';

const EXIT_CODES: Readonly<Record<RetrainErrorCode, number>> = {
  INGEST_FAILED: 5,
  PROMOTION_FAILED: 6,
  NOT_BUILT: 7,
};

/** A step of the loop failed; the message says which and how to fix it. */
export class RetrainError extends Error {
  constructor(
    readonly code: RetrainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetrainError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}
