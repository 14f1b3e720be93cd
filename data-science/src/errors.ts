import { formatZodIssues } from '@rings/ring-model/core';
import type { z } from 'zod';

// Typed errors: the CLI entry file maps each code to an exit code.

/** What went wrong, as a stable code. */
export type TrainingErrorCode = 'INVALID_OPTIONS' | 'INVALID_DATA' | 'TRACKING_UNAVAILABLE' | 'INTERRUPTED';

/** Exit code per error code. */
export const EXIT_CODES: Readonly<Record<TrainingErrorCode, number>> = {
  INVALID_OPTIONS: 2,
  INVALID_DATA: 3,
  TRACKING_UNAVAILABLE: 4,
  INTERRUPTED: 130,
};

/** A fatal training error; the message says how to fix it. */
export class TrainingError extends Error {
  readonly code: TrainingErrorCode;

  constructor(code: TrainingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrainingError';
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** Parse options with a zod schema; throws INVALID_OPTIONS with one "path: message" line per problem. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new TrainingError('INVALID_OPTIONS', `invalid ${what}:\n${formatZodIssues(parsed.error.issues)}`);
  return parsed.data;
}
