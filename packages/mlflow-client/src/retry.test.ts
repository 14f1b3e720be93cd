// Retry policy: which failures are retried and which never, and the backoff.
import {
  MlflowConnectionError,
  MlflowError,
  MlflowInvalidParameterError,
  MlflowServerError,
  MlflowUnavailableError,
} from './errors';
import { backoffDelayMs, isRetryable, withRetries } from './retry';

const httpError = (status: number) => new MlflowError('x', { code: `HTTP_${status}`, status });

describe('isRetryable', () => {
  it.each([429, 500, 502, 503, 504, 599])('when the status is %i, then it is retried', (status) => {
    expect(isRetryable(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 413, 422, 501])(
    'when the status is %i, then it is never retried',
    (status) => {
      expect(isRetryable(httpError(status))).toBe(false);
    },
  );

  it.each([
    ['ECONNREFUSED', true],
    ['ECONNRESET', true],
    ['TIMEOUT', true],
    ['EAI_AGAIN', true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false],
    ['CERT_HAS_EXPIRED', false],
  ])('when the connection fails with %s, then retryable is %s', (code, expected) => {
    expect(isRetryable(new MlflowConnectionError('x', { code }))).toBe(expected);
  });

  it('when the error is not an MlflowError (a bug, a local file error), then it is not retried', () => {
    expect(isRetryable(new Error('ENOENT'))).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  const options = { maxRetries: 8, initialDelayMs: 100, maxDelayMs: 1000 };

  it.each([
    [0, 100],
    [1, 200],
    [2, 400],
    [3, 800],
    [4, 1000],
    [7, 1000],
  ])('when retry %i draws the top of the jitter, then the delay is its ceiling %i ms', (retry, ceiling) => {
    expect(backoffDelayMs(retry, options, () => 1)).toBe(ceiling);
    expect(backoffDelayMs(retry, options, () => 0)).toBe(0);
  });
});

describe('withRetries', () => {
  const options = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 };

  it('when attempts fail retryably then succeed, then it resolves and reports each retry', async () => {
    const failures = [new MlflowUnavailableError('busy', { code: 'HTTP_503', status: 503 })];
    const seen: number[] = [];
    const result = await withRetries(
      async () => {
        const next = failures.shift();
        if (next) throw next;
        return 'done';
      },
      options,
      ({ retry }) => seen.push(retry),
    );
    expect(result).toBe('done');
    expect(seen).toEqual([1]);
  });

  it('when every attempt fails with a 5xx, then the last error is thrown after maxRetries + 1 attempts', async () => {
    let attempts = 0;
    const run = withRetries(async () => {
      attempts += 1;
      throw new MlflowServerError(`attempt ${attempts}`, { code: 'INTERNAL_ERROR', status: 500 });
    }, options);
    await expect(run).rejects.toThrow('attempt 3');
    expect(attempts).toBe(3);
  });

  it('when an attempt fails with a 4xx, then it is thrown at once', async () => {
    let attempts = 0;
    const run = withRetries(async () => {
      attempts += 1;
      throw new MlflowInvalidParameterError('bad', { code: 'INVALID_PARAMETER_VALUE', status: 400 });
    }, options);
    await expect(run).rejects.toBeInstanceOf(MlflowInvalidParameterError);
    expect(attempts).toBe(1);
  });
});
