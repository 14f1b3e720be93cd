// The API's security settings, checked on the real server: helmet headers, an
// explicit CORS policy, body limits, rate limiting on the prediction routes,
// and no internals (stack traces, paths) in production error bodies.
import { promises as fs } from 'node:fs';
import { startHostileApi, type HostileApi } from './support/api-server';
import { recordFigures } from './support/figures';
import { sampleImages } from './support/images';
import { httpRequest, multipartBody, sendRaw, type RawAnswer } from './support/raw-http';

jest.setTimeout(120_000);

const ALLOWED = 'https://rings.example';
const LIMIT = 5;
const LABELLER = 'hostile-labeller-token-0123456789';
let sent = 0;

async function send(
  api: HostileApi,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<RawAnswer> {
  sent += 1;
  return sendRaw(api.port, { bytes: httpRequest(method, path, headers, body) });
}

function predictRequest(png: Buffer): [Record<string, string>, Buffer] {
  const boundary = 'security-test';
  return [
    { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    multipartBody([{ name: 'image', filename: 'ring.png', body: png }], boundary),
  ];
}

describe('API security settings', () => {
  let api: HostileApi;
  let png: Buffer;
  beforeAll(async () => {
    png = (await sampleImages()).png[1];
    api = await startHostileApi({
      env: { CORS_ORIGINS: ALLOWED, RATE_LIMIT_PREDICT_PER_MINUTE: String(LIMIT), FEEDBACK_TOKEN: LABELLER },
    });
  });
  afterAll(async () => {
    await api?.close();
    recordFigures('api-security', { requests: sent, lost: 0, crashes: 0 });
  });

  it('when any route answers, then helmet headers are set and X-Powered-By is not', async () => {
    for (const path of ['/', '/models/', '/nope', '/readyz']) {
      const { headers } = await send(api, 'GET', path);
      expect([path, headers]).toEqual([
        path,
        expect.objectContaining({
          'content-security-policy': expect.stringContaining("default-src 'self'"),
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'strict-transport-security': expect.stringContaining('max-age='),
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
        }),
      ]);
      expect(headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('when a listed origin calls, then CORS allows it; when another origin calls, then no CORS header is sent', async () => {
    const preflight = (origin: string) =>
      send(api, 'OPTIONS', '/predict/', { Origin: origin, 'Access-Control-Request-Method': 'POST' });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': ALLOWED,
      'access-control-allow-methods': 'GET,POST',
    });
    expect(allowed.headers).not.toHaveProperty('access-control-allow-credentials');
    const other = await preflight('https://evil.example');
    expect(other.headers).not.toHaveProperty('access-control-allow-origin');
    const simple = await send(api, 'GET', '/models/', { Origin: 'https://evil.example' });
    expect(simple.headers).not.toHaveProperty('access-control-allow-origin');
    expect(
      (await send(api, 'GET', '/models/', { Origin: ALLOWED })).headers['access-control-allow-origin'],
    ).toBe(ALLOWED);
  });

  it('when a JSON body is over 64 KiB, then 413 PAYLOAD_TOO_LARGE before it is parsed', async () => {
    const body = Buffer.from(JSON.stringify({ request_id: 'x', num_rings: 1, pad: 'x'.repeat(70 * 1024) }));
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${LABELLER}` };
    const answer = await send(api, 'POST', '/feedback/', headers, body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it(`when one client sends more than ${LIMIT} predictions a minute, then 429 with Retry-After, and other routes still answer`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      statuses.push((await send(api, 'POST', '/predict/', ...predictRequest(png))).status ?? 0);
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    const limited = await send(api, 'POST', '/predict/batch/', ...predictRequest(png));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(limited.body)).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { limit_per_minute: LIMIT } },
    });
    expect((await send(api, 'GET', '/models/')).status).toBe(200);
  });

  it('when the store breaks under a production server, then the 500 body names no path and carries no stack', async () => {
    await fs.rm(api.store, { recursive: true, force: true });
    await fs.writeFile(api.store, 'not a folder');
    const answer = await send(api, 'GET', '/models/');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'INTERNAL', message: expect.stringMatching(/X-Request-Id/) },
    });
    expect(answer.body).not.toContain(api.store);
    expect(answer.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(answer.headers['x-request-id']).toBeTruthy();
  });
});
