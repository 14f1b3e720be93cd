// Client configuration: one zod schema over the same environment variables the
// official MLflow clients read, parsed once into a typed object.
import { zodIssueLines } from '@rings/zod-issues';
import { z } from 'zod';

const seconds = (fallback: number) =>
  z.coerce
    .number()
    .positive()
    .default(fallback)
    .transform((s) => Math.round(s * 1000));

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const trackingUri = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. http://127.0.0.1:5000' })
  .default('http://127.0.0.1:5000')
  .transform((uri) => uri.replace(/\/+$/, ''));

/** The environment variables `readMlflowConfig` reads, with their defaults. */
export const mlflowEnvSchema = z
  .object({
    MLFLOW_TRACKING_URI: trackingUri.describe('MLflow tracking server base URL'),
    MLFLOW_TRACKING_TOKEN: z.string().min(1).optional().describe('Bearer token; wins over username/password'),
    MLFLOW_TRACKING_USERNAME: z.string().min(1).optional().describe('HTTP basic auth user'),
    MLFLOW_TRACKING_PASSWORD: z.string().optional().describe('HTTP basic auth password'),
    MLFLOW_TRACKING_INSECURE_TLS: flag.describe('Skip TLS certificate checks (https only; for tests)'),
    MLFLOW_HTTP_REQUEST_TIMEOUT: seconds(120).describe('Seconds a request may wait for the server'),
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: z.coerce
      .number()
      .int()
      .min(0)
      .max(10)
      .default(5)
      .describe('Retries after connection errors, 429 and 5xx'),
    MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: seconds(0.5).describe(
      'First retry delay in seconds; doubles each time',
    ),
  })
  .refine((env) => env.MLFLOW_TRACKING_PASSWORD === undefined || env.MLFLOW_TRACKING_USERNAME !== undefined, {
    path: ['MLFLOW_TRACKING_USERNAME'],
    message: 'is required when MLFLOW_TRACKING_PASSWORD is set',
  });

/** How the client authenticates. */
export type MlflowAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string };

/** Retry policy for connection errors, 429 and 5xx (never for other 4xx). */
export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** Delay before the first retry; doubles each retry, with full jitter. */
  initialDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
}

/** Everything `createMlflowClient` needs; build it with `readMlflowConfig` or by hand. */
export interface MlflowConfig {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:5000`. */
  trackingUri: string;
  auth: MlflowAuth;
  /** Per request: connect time, then the longest silence while waiting for the server. */
  timeoutMs: number;
  retry: RetryOptions;
  /** Accept any TLS certificate (https only). */
  insecureTls: boolean;
}

/** Thrown by `readMlflowConfig`; `issues` holds one "VARIABLE: message" line per problem. */
export class MlflowConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid MLflow configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'MlflowConfigError';
  }
}

/**
 * Parse the MLflow client configuration from the environment (process.env by
 * default). Reads MLFLOW_TRACKING_URI (default http://127.0.0.1:5000),
 * MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD,
 * MLFLOW_TRACKING_INSECURE_TLS, MLFLOW_HTTP_REQUEST_TIMEOUT (s, default 120),
 * MLFLOW_HTTP_REQUEST_MAX_RETRIES (default 5) and
 * MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR (s, default 0.5). Empty values count as unset.
 * @throws MlflowConfigError with one line per bad variable.
 */
export function readMlflowConfig(env: Record<string, string | undefined> = process.env): MlflowConfig {
  const present = Object.fromEntries(
    Object.keys(mlflowEnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = mlflowEnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new MlflowConfigError(zodIssueLines(parsed.error.issues));
  }
  const e = parsed.data;
  return {
    trackingUri: e.MLFLOW_TRACKING_URI,
    auth: authFrom(e.MLFLOW_TRACKING_TOKEN, e.MLFLOW_TRACKING_USERNAME, e.MLFLOW_TRACKING_PASSWORD),
    timeoutMs: e.MLFLOW_HTTP_REQUEST_TIMEOUT,
    retry: {
      maxRetries: e.MLFLOW_HTTP_REQUEST_MAX_RETRIES,
      initialDelayMs: e.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR,
      maxDelayMs: 30_000,
    },
    insecureTls: e.MLFLOW_TRACKING_INSECURE_TLS,
  };
}

function authFrom(token?: string, username?: string, password?: string): MlflowAuth {
  if (typeof token === 'string') return { kind: 'bearer', token };
  if (typeof username === 'string') return { kind: 'basic', username, password: password ?? '' };
  return { kind: 'none' };
}
