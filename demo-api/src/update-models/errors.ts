// update-models' own errors, and the exit status the CLI gives each failure.
import { MlflowConnectionError } from '@rings/mlflow-client';
import { InvalidVersionNameError } from '@rings/ring-model';
import { ConfigError } from '../config';

/** Bad arguments (exit 2). */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** The version had to come from MLflow and the server did not answer (exit 4); nothing changed. */
export class MlflowUnreachableError extends Error {
  readonly code = 'MLFLOW_UNREACHABLE';
}

/** Exit statuses: 0 done, 1 refused or failed, 2 bad usage, 4 MLflow unreachable. */
export function exitStatusOf(err: unknown): 1 | 2 | 4 {
  if (err instanceof UsageError || err instanceof InvalidVersionNameError || err instanceof ConfigError) {
    return 2;
  }
  // A connection lost after the first answer is the same failure as none at all.
  if (err instanceof MlflowUnreachableError || err instanceof MlflowConnectionError) return 4;
  return 1;
}
