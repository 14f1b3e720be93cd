// The client against a real MLflow server with its basic-auth app (as compose
// runs it): the right credentials work, wrong or missing ones fail at once with
// MlflowUnauthorizedError, never a retry loop.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMlflowServer, type MlflowServer } from '@rings/mlflow-server';
import { createMlflowClient } from './client';
import type { MlflowAuth } from './config';
import { MlflowUnauthorizedError } from './errors';

const ADMIN_PASSWORD = `auth-test-${process.pid}-Secret1`;

describe('MLflow with authentication', () => {
  let root: string;
  let server: MlflowServer;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mlflow-auth-'));
    server = await startMlflowServer({ dir: root, auth: { adminPassword: ADMIN_PASSWORD } });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  /** A client that counts its retries. */
  const clientWith = (auth: MlflowAuth) => {
    const retries: number[] = [];
    const client = createMlflowClient({
      trackingUri: server.uri,
      auth,
      retry: { maxRetries: 3, initialDelayMs: 200 },
      onRetry: (event) => retries.push(event.retry),
    });
    return { client, retries };
  };

  it('when the admin credentials are sent, then experiments can be created and read', async () => {
    const { client, retries } = clientWith({ kind: 'basic', username: 'admin', password: ADMIN_PASSWORD });
    const name = `auth-${Date.now()}`;
    const id = await client.experiments.create(name);
    expect((await client.experiments.getByName(name)).experimentId).toBe(id);
    expect(retries).toEqual([]);
  });

  it.each([
    ['a wrong password', { kind: 'basic', username: 'admin', password: 'not-the-password' } as const],
    ['no credentials', { kind: 'none' } as const],
    ['a bearer token the server does not know', { kind: 'bearer', token: 'made-up' } as const],
  ])('when %s is sent, then the call fails with MlflowUnauthorizedError and no retry', async (_, auth) => {
    const { client, retries } = clientWith(auth);
    const started = Date.now();
    const failure = await client.experiments.getByName('Default').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(MlflowUnauthorizedError);
    expect((failure as Error).message).toMatch(/401|credentials|unauthori/i);
    expect(retries).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
