// Helpers for the integration tests against the real MLflow server that jest's
// global setup starts (MLFLOW_TRACKING_URI).
import { randomUUID } from 'node:crypto';
import { createMlflowClient, readMlflowConfig, type MlflowClient } from '../index';

/** A client for the test server, with quick retries. */
export function testClient(): MlflowClient {
  const config = readMlflowConfig(process.env);
  return createMlflowClient({ ...config, retry: { maxRetries: 2, initialDelayMs: 50, maxDelayMs: 200 } });
}

/** A name no other test (or earlier run against the same server) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Call the routes MLflow's own web UI reads (`/ajax-api/2.0/mlflow/...`) with
 * plain fetch, so assertions do not go through this client's parsing.
 */
export async function uiCall<T>(endpoint: string, body?: unknown): Promise<T> {
  const res = await fetch(`${readMlflowConfig(process.env).trackingUri}/ajax-api/2.0/mlflow/${endpoint}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`UI route ${endpoint}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
