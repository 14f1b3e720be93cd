import request from 'supertest';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { welcomeResponseSchema } from '../openapi/schemas';

describe('GET /', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('when asked, then a welcome naming the serving version and linking the docs', async () => {
    const res = await request(api.app).get('/').expect(200);
    const body = welcomeResponseSchema.parse(res.body);
    expect(body.model_version).toBe('v1');
    expect(body.links.docs).toBe('/docs');
  });

  it('when a path is unknown, then 404 JSON naming the docs', async () => {
    const res = await request(api.app).get('/nope/').expect(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /nope/; see /docs for the API' },
    });
  });
});
