// createMlflowClient: wires the transport into the per-area APIs.
import type { MlflowClient } from './api';
import { createArtifactsApi } from './artifacts';
import type { MlflowAuth, RetryOptions } from './config';
import { createExperimentsApi } from './experiments';
import { createTransport } from './http';
import type { RetryListener } from './retry';
import { createRegistryApi } from './registry';
import { createRunsApi } from './runs';
import { createWithRun } from './with-run';

/** Options for `createMlflowClient`; an `MlflowConfig` from `readMlflowConfig()` fits. */
export interface MlflowClientOptions {
  /** e.g. `http://127.0.0.1:5000` (a trailing slash is ignored). */
  trackingUri: string;
  auth?: MlflowAuth;
  /** Per request: connect time, then the longest silence while waiting (default 120 s). */
  timeoutMs?: number;
  /** Default: 5 retries from 500 ms, doubling, at most 30 s each, full jitter. */
  retry?: Partial<RetryOptions>;
  insecureTls?: boolean;
  /** Called before each retry (e.g. to log "MLflow unavailable, retry 2 in 1.3 s"). */
  onRetry?: RetryListener;
}

const defaultRetry: RetryOptions = { maxRetries: 5, initialDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Create a client for one tracking server.
 * @example
 *   const mlflow = createMlflowClient(readMlflowConfig());
 *   await mlflow.assertReachable();
 *   await mlflow.withRun({ experimentName: 'ring-count' }, async (run) => run.logMetric('loss', 0.3, 1));
 */
export function createMlflowClient(options: MlflowClientOptions): MlflowClient {
  const trackingUri = options.trackingUri.replace(/\/+$/, '');
  const http = createTransport({
    trackingUri,
    auth: options.auth ?? { kind: 'none' },
    timeoutMs: options.timeoutMs ?? 120_000,
    retry: { ...defaultRetry, ...options.retry },
    insecureTls: options.insecureTls ?? false,
    onRetry: options.onRetry,
  });
  const experiments = createExperimentsApi(http);
  const runs = createRunsApi(http);
  const artifacts = createArtifactsApi(http, runs);
  const registry = createRegistryApi(http);
  const assertReachable = async (timeoutMs = 3000): Promise<void> => {
    await http.text({ method: 'GET', path: '/health', timeoutMs, retry: false });
  };
  return {
    trackingUri,
    experiments,
    runs,
    artifacts,
    registry,
    assertReachable,
    ping: (timeoutMs) =>
      assertReachable(timeoutMs).then(
        () => true,
        () => false,
      ),
    withRun: createWithRun({ experiments, runs, artifacts }),
  };
}
