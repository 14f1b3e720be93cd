// createMlflowClient: wires the transport into the per-area APIs.
import type { MlflowClient } from './api';
import type { MlflowAuth, RetryOptions } from './config';

/** Options for `createMlflowClient`; an `MlflowConfig` from `readMlflowConfig()` fits. */
export interface MlflowClientOptions {
  /** e.g. `http://127.0.0.1:5000`. */
  trackingUri: string;
  auth?: MlflowAuth;
  /** Per request: connect time, then the longest silence while waiting (default 120 s). */
  timeoutMs?: number;
  /** Default: 5 retries from 500 ms, doubling, at most 30 s each, full jitter. */
  retry?: Partial<RetryOptions>;
  insecureTls?: boolean;
}

/**
 * Create a client for one tracking server.
 * @example
 *   const mlflow = createMlflowClient(readMlflowConfig());
 *   await mlflow.assertReachable();
 *   await mlflow.withRun({ experimentName: 'ring-count' }, async (run) => run.logMetric('loss', 0.3, 1));
 */
export function createMlflowClient(options: MlflowClientOptions): MlflowClient {
  throw new Error(`createMlflowClient(${options.trackingUri}): not implemented yet`);
}
