// Who may call what: the labeller token guards POST /feedback/, the operations
// token GET /metrics and GET /monitoring/, in production closed by default;
// the original demo's routes stay open to anyone.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';

const LABELLER = 'labeller-token-0123456789abcdef';
const OPERATIONS = 'operations-token-0123456789abcdef';

const PROTECTED = [
  ['post', '/feedback/', LABELLER, 'FEEDBACK_TOKEN'],
  ['get', '/metrics', OPERATIONS, 'OPERATIONS_TOKEN'],
  ['get', '/monitoring/', OPERATIONS, 'OPERATIONS_TOKEN'],
] as const;

const call = (api: TestApi, method: 'get' | 'post', url: string, token?: string) => {
  const req = request(api.app)[method](url);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return method === 'post' ? req.send({ request_id: 'x', num_rings: 1 }) : req;
};

describe('protected routes in production, with tokens configured', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({
      env: { NODE_ENV: 'production', FEEDBACK_TOKEN: LABELLER, OPERATIONS_TOKEN: OPERATIONS },
    });
  });
  afterAll(() => api.close());

  it.each(PROTECTED)(
    'when %s %s comes without a token, then 401 with WWW-Authenticate and a JSON error',
    async (method, url) => {
      const res = await call(api, method, url);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="/);
      expect(res.body).toEqual({
        error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/Authorization: Bearer/) },
      });
    },
  );

  it.each(PROTECTED)(
    'when %s %s comes with a wrong token, then 401 invalid_token',
    async (method, url, token) => {
      for (const wrong of ['nope', `${token}x`, token.slice(1), 'x'.repeat(token.length)]) {
        const res = await call(api, method, url, wrong);
        expect([wrong, res.status]).toEqual([wrong, 401]);
        expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
        expect(res.body.error.code).toBe('UNAUTHORIZED');
      }
    },
  );

  it("when the other role's token is sent, then 401: a labeller cannot read operations, nor the reverse", async () => {
    expect((await call(api, 'get', '/metrics', LABELLER)).status).toBe(401);
    expect((await call(api, 'post', '/feedback/', OPERATIONS)).status).toBe(401);
  });

  it('when the right tokens are sent, then the routes answer as before', async () => {
    const metrics = await call(api, 'get', '/metrics', OPERATIONS).expect(200);
    expect(metrics.text).toMatch(/http_requests_total/);
    // This app runs without monitoring: past the guard, the route's own 404.
    const monitoring = await call(api, 'get', '/monitoring/', OPERATIONS).expect(404);
    expect(monitoring.body.error.message).toMatch(/monitoring is not enabled/);
    const feedback = await call(api, 'post', '/feedback/', LABELLER).expect(404);
    expect(feedback.body.error.message).toMatch(/monitoring is not enabled/);
  });

  it('when the Authorization scheme is not Bearer, then 401', async () => {
    const res = await request(api.app).get('/metrics').set('Authorization', `Basic ${OPERATIONS}`);
    expect(res.status).toBe(401);
  });

  it("when the original demo's routes are called without a token, then they answer", async () => {
    for (const url of [
      '/',
      '/models/',
      '/deployed_version/',
      '/healthz',
      '/readyz',
      '/openapi.json',
      '/docs',
    ]) {
      const res = await request(api.app).get(url);
      expect([url, res.status]).toEqual([url, 200]);
    }
    const png = await drawing();
    await request(api.app).post('/predict/').attach('image', png, 'a.png').expect(200);
  });
});

describe('protected routes in production, without tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => api.close());

  it.each(PROTECTED)(
    'when %s %s is called, then 403: closed until its variable is set, which the message names',
    async (method, url, token, variable) => {
      const res = await call(api, method, url, token);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: { code: 'FORBIDDEN', message: expect.stringContaining(variable) },
      });
    },
  );
});

describe('protected routes in development and test', () => {
  it.each(['development', 'test'])(
    'when NODE_ENV=%s and no token is configured, then everything is open as before',
    async (mode) => {
      const api = await createTestApi({ env: { NODE_ENV: mode } });
      try {
        await call(api, 'get', '/metrics').expect(200);
        expect((await call(api, 'post', '/feedback/')).status).toBe(404);
        expect((await call(api, 'get', '/monitoring/')).status).toBe(404);
      } finally {
        await api.close();
      }
    },
  );

  it('when a token is configured in development, then it is required there too', async () => {
    const api = await createTestApi({ env: { NODE_ENV: 'development', OPERATIONS_TOKEN: OPERATIONS } });
    try {
      await call(api, 'get', '/metrics').expect(401);
      await call(api, 'get', '/metrics', OPERATIONS).expect(200);
    } finally {
      await api.close();
    }
  });

  it("when the token comes from OPERATIONS_TOKEN_FILE, then the file's token (without its newline) opens the route", async () => {
    const probe = await createTestApi();
    const file = path.join(probe.sources, 'operations-token');
    await fs.writeFile(file, `${OPERATIONS}\n`);
    const api = await createTestApi({ env: { NODE_ENV: 'production', OPERATIONS_TOKEN_FILE: file } });
    try {
      await call(api, 'get', '/metrics', OPERATIONS).expect(200);
      await call(api, 'get', '/metrics', 'wrong').expect(401);
    } finally {
      await api.close();
      await probe.close();
    }
  });
});
