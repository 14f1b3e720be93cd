/** What went wrong with a child process. */
export type ChildProcessErrorCode =
  /** the command could not be started (not found, not executable) */
  | 'START_FAILED'
  /** it ended with a non-zero exit code or a signal */
  | 'FAILED'
  /** it ended before it was ready */
  | 'EXITED_EARLY'
  /** it was not ready within the time allowed */
  | 'NOT_READY';

/** A child process that failed; the message names it and ends with its last output or log file. */
export class ChildProcessError extends Error {
  readonly code: ChildProcessErrorCode;

  constructor(code: ChildProcessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChildProcessError';
    this.code = code;
  }
}
