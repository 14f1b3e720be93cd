// Transport behaviour against a real local HTTP server: retries, timeouts,
// error mapping where failures enter, query serialisation, auth and validation.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { closedPort, startLocalServer, type LocalServer, type Reply } from './__tests__/local-server';
import type { MlflowAuth } from './config';
import {
  MlflowConnectionError,
  MlflowInvalidParameterError,
  MlflowResponseValidationError,
  MlflowServerError,
  MlflowUnavailableError,
} from './errors';
import { createTransport, type Transport } from './http';

const fastRetry = { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 5 };
const ok = z.object({ ok: z.boolean() });
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(replies: (n: number) => Reply, auth: MlflowAuth = { kind: 'none' }): Promise<Transport> {
  server = await startLocalServer(replies);
  return createTransport({
    trackingUri: server.uri,
    auth,
    timeoutMs: 2000,
    retry: fastRetry,
    insecureTls: false,
  });
}

const get = { method: 'GET', path: '/api/2.0/mlflow/x' } as const;

describe('retries', () => {
  it.each([429, 500, 502, 503, 504])(
    'when the server answers %i then 200, then the call is retried and succeeds',
    async (status) => {
      const http = await serve((n) =>
        n === 0 ? { status, body: 'busy', contentType: 'text/plain' } : { status: 200, body: '{"ok":true}' },
      );
      await expect(http.json(get, ok)).resolves.toEqual({ ok: true });
      expect(server?.requests).toHaveLength(2);
    },
  );

  it.each([400, 401, 403, 404, 409, 422, 501])(
    'when the server answers %i, then the call is never retried',
    async (status) => {
      const http = await serve(() => ({ status, body: '{"error_code":"X","message":"m"}' }));
      await expect(http.json(get, ok)).rejects.toMatchObject({ status });
      expect(server?.requests).toHaveLength(1);
    },
  );

  it('when 503 persists, then it gives up after maxRetries with MlflowUnavailableError', async () => {
    const http = await serve(() => ({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' }));
    const err = await http.json(get, ok).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowUnavailableError);
    expect(err).toMatchObject({ code: 'HTTP_503', status: 503 });
    expect(server?.requests).toHaveLength(fastRetry.maxRetries + 1);
  });

  it('when retry is off, then one attempt is made', async () => {
    const http = await serve(() => ({
      status: 500,
      body: '{"error_code":"INTERNAL_ERROR","message":"boom"}',
    }));
    await expect(http.json({ ...get, retry: false }, ok)).rejects.toBeInstanceOf(MlflowServerError);
    expect(server?.requests).toHaveLength(1);
  });

  it('when an upload is retried, then the body is reopened and sent whole again', async () => {
    const http = await serve((n) => (n === 0 ? { status: 503, body: 'later' } : { status: 200 }));
    const payload = Buffer.alloc(200_000, 7);
    await http.upload(
      '/api/2.0/mlflow-artifacts/artifacts/1/f.bin',
      () => Readable.from([payload]),
      payload.length,
    );
    expect(server?.requests.map((r) => r.body.length)).toEqual([payload.length, payload.length]);
    expect(server?.requests[1]).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
    });
  });
});

describe('transport failures', () => {
  it('when nothing listens, then MlflowConnectionError after the retries, naming the server and the fix', async () => {
    const uri = `http://127.0.0.1:${await closedPort()}`;
    const http = createTransport({
      trackingUri: uri,
      auth: { kind: 'none' },
      timeoutMs: 1000,
      retry: fastRetry,
      insecureTls: false,
    });
    const err = await http.json(get, ok).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowConnectionError);
    expect(err).toMatchObject({ code: 'ECONNREFUSED', status: undefined });
    expect((err as Error).message).toContain(uri);
    expect((err as Error).message).toMatch(/MLFLOW_TRACKING_URI/);
  });

  it('when the server does not answer in time, then a TIMEOUT MlflowConnectionError', async () => {
    const http = await serve(() => ({ hang: true }));
    const started = Date.now();
    const err = await http.json({ ...get, timeoutMs: 150, retry: false }, ok).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowConnectionError);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('requests and answers', () => {
  it('when a query has an array, then it is sent as repeated keys', async () => {
    const http = await serve(() => ({ status: 200, body: '{"ok":true}' }));
    await http.json(
      { ...get, query: { order_by: ['a DESC', 'b'], filter: "name = 'm'", skip: undefined } },
      ok,
    );
    const url = new URL(server?.requests[0].url ?? '', 'http://x');
    expect(url.search).toMatch(/^\?order_by=a\+DESC&order_by=b&filter=/);
    expect([...url.searchParams.keys()]).toEqual(['order_by', 'order_by', 'filter']);
    expect(url.searchParams.get('filter')).toBe("name = 'm'");
  });

  it('when a JSON body is sent (DELETE included), then it carries content-type application/json', async () => {
    const http = await serve(() => ({ status: 200 }));
    await http.json(
      { method: 'DELETE', path: '/api/2.0/mlflow/registered-models/alias', json: { name: 'm' } },
      z.object({}),
    );
    expect(server?.requests[0]).toMatchObject({
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(server?.requests[0].body.toString() ?? '')).toEqual({ name: 'm' });
  });

  it.each<[MlflowAuth, string | undefined]>([
    [{ kind: 'bearer', token: 't0k' }, 'Bearer t0k'],
    [{ kind: 'basic', username: 'ann', password: 'pw' }, `Basic ${Buffer.from('ann:pw').toString('base64')}`],
    [{ kind: 'none' }, undefined],
  ])('when auth is %j, then the authorization header is %s', async (auth, header) => {
    const http = await serve(() => ({ status: 200, body: '{"ok":true}' }), auth);
    await http.json(get, ok);
    expect(server?.requests[0].headers.authorization).toBe(header);
  });

  it('when a 200 answer does not match the schema, then MlflowResponseValidationError names the field', async () => {
    const http = await serve(() => ({ status: 200, body: '{"ok":"yes"}' }));
    const err = await http.json(get, ok).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowResponseValidationError);
    expect((err as Error).message).toMatch(/ok: /);
  });

  it('when a 200 answer is not JSON, then MlflowResponseValidationError', async () => {
    const http = await serve(() => ({
      status: 200,
      body: '<html>proxy login</html>',
      contentType: 'text/html',
    }));
    await expect(http.json(get, ok)).rejects.toBeInstanceOf(MlflowResponseValidationError);
  });

  it('when a download answers 400 with JSON, then the typed error carries its code', async () => {
    const http = await serve(() => ({
      status: 400,
      body: '{"error_code":"INVALID_PARAMETER_VALUE","message":"bad path"}',
    }));
    const err = await http
      .download('/api/2.0/mlflow-artifacts/artifacts/x', async () => 0)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowInvalidParameterError);
    expect(err).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', status: 400 });
  });
});
