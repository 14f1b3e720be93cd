import request from 'supertest';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { modelVersionResponseSchema } from '../openapi/schemas';

describe('GET /models/{version}', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it.each(['/models/v1', '/models/v1/'])('when %s is asked, then its metadata', async (url) => {
    const res = await request(api.app).get(url).expect(200);
    const body = modelVersionResponseSchema.parse(res.body);
    expect(body).toMatchObject({ version: 'v1', deployed: true, error: null, metadata: { version: 'v1' } });
  });

  it('when the version is not stored, then 404 VERSION_NOT_FOUND', async () => {
    const res = await request(api.app).get('/models/v2').expect(404);
    expect(res.body.error).toMatchObject({
      code: 'VERSION_NOT_FOUND',
      message: expect.stringMatching(/v2 is not/),
    });
  });

  it.each(['.hidden', '..%2F..%2Fetc', 'v1%3Brm%20-rf', '%24(id)'])(
    'when the name is %s, then 400 INVALID_VERSION_NAME',
    async (name) => {
      const res = await request(api.app).get(`/models/${name}`).expect(400);
      expect(res.body.error).toMatchObject({
        code: 'INVALID_VERSION_NAME',
        message: expect.stringMatching(/letters, digits/),
      });
    },
  );
});
