// Retry policy: exponential backoff with full jitter, only for failures that
// another attempt can fix: no answer at all, 429 and 5xx (except 501). A 4xx
// is the request's fault and is never retried.
import type { RetryOptions } from './config';
import { MlflowConnectionError, MlflowError } from './errors';

/** Connection failures that another attempt cannot fix. */
const permanentConnectionCodes = /CERT|SELF_SIGNED|ERR_TLS|ERR_INVALID_URL|ERR_BAD_OPTION/;

/** Whether another attempt may succeed after this error. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof MlflowConnectionError) return !permanentConnectionCodes.test(err.code);
  if (!(err instanceof MlflowError) || err.status === undefined) return false;
  return err.status === 429 || (err.status >= 500 && err.status !== 501);
}

/** Delay before retry number `retry` (0-based): uniform in [0, min(max, initial * 2^retry)]. */
export function backoffDelayMs(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/** Called before each retry, e.g. to log it. */
export type RetryListener = (info: { retry: number; delayMs: number; error: MlflowError }) => void;

/**
 * Run `attempt` until it succeeds, fails with a non-retryable error, or
 * `maxRetries` retries are spent; the last error is thrown.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: RetryOptions,
  onRetry?: RetryListener,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (retry >= options.maxRetries || !isRetryable(err)) throw err;
      const delayMs = backoffDelayMs(retry, options);
      onRetry?.({ retry: retry + 1, delayMs, error: err as MlflowError });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
