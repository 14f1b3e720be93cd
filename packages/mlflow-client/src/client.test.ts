// The fail-fast reachability check: one GET /health, no retries, a clear error.
import { closedPort, startLocalServer, type LocalServer } from './__tests__/local-server';
import { createMlflowClient } from './client';
import { MlflowConnectionError, MlflowUnavailableError } from './errors';

// Retries this slow would make any retried check take seconds.
const slowRetry = { maxRetries: 5, initialDelayMs: 2000, maxDelayMs: 2000 };
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('assertReachable and ping', () => {
  it('when /health answers 200, then assertReachable resolves and ping is true', async () => {
    server = await startLocalServer(() => ({ status: 200, body: 'OK', contentType: 'text/plain' }));
    const mlflow = createMlflowClient({ trackingUri: `${server.uri}/`, retry: slowRetry });
    await expect(mlflow.assertReachable()).resolves.toBeUndefined();
    await expect(mlflow.ping()).resolves.toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /health', 'GET /health']);
  });

  it('when nothing listens, then assertReachable fails at once with a message that says what to do', async () => {
    const uri = `http://127.0.0.1:${await closedPort()}`;
    const retries: number[] = [];
    const mlflow = createMlflowClient({
      trackingUri: uri,
      retry: slowRetry,
      onRetry: ({ retry }) => retries.push(retry),
    });
    const started = Date.now();
    const err = await mlflow.assertReachable().catch((e: unknown) => e);
    expect(retries).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(MlflowConnectionError);
    expect((err as Error).message).toMatch(
      /cannot reach the MLflow server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED/,
    );
    expect((err as Error).message).toMatch(/npm run mlflow -- start|MLFLOW_TRACKING_URI/);
    await expect(mlflow.ping()).resolves.toBe(false);
  });

  it('when /health answers a plain-text 503, then one request and MlflowUnavailableError', async () => {
    server = await startLocalServer(() => ({ status: 503, body: 'starting', contentType: 'text/plain' }));
    const mlflow = createMlflowClient({ trackingUri: server.uri, retry: slowRetry });
    await expect(mlflow.assertReachable()).rejects.toBeInstanceOf(MlflowUnavailableError);
    expect(server.requests).toHaveLength(1);
  });
});
