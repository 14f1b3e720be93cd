import request from 'supertest';
import { createTestApi, type TestApi } from '../__tests__/test-api';

describe('GET /healthz', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ deploy: null });
  });
  afterAll(() => api.close());

  it.each(['/healthz', '/healthz/'])('when %s is asked, then 200 even without a model', async (url) => {
    const res = await request(api.app).get(url).expect(200);
    expect(res.body).toEqual({ status: 'ok', uptime_seconds: expect.any(Number) });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when it is POSTed, then 405 with Allow', async () => {
    const res = await request(api.app).post('/healthz').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(res.body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', details: { allowed: ['GET'] } });
  });
});
