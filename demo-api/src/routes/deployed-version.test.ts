import request from 'supertest';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { deployedVersionResponseSchema } from '../openapi/schemas';

describe('GET /deployed_version/', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('when v2 was promoted after v1, then it names v2, when, the previous one and what serves', async () => {
    api = await createTestApi();
    await api.promote('v2');
    for (const url of ['/deployed_version/', '/deployed_version']) {
      const res = await request(api.app).get(url).expect(200);
      const body = deployedVersionResponseSchema.parse(res.body);
      expect(body).toMatchObject({ version: 'v2', previous: 'v1', serving_version: 'v2' });
      expect(Date.parse(body.promoted_at)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('when v2 then v1 were promoted, then the history lists each switch in order, with its promotion time', async () => {
    api = await createTestApi();
    await api.promote('v2');
    await api.promote('v1');
    const body = deployedVersionResponseSchema.parse((await request(api.app).get('/deployed_version/')).body);
    expect(body.history.map((s) => [s.version, s.previous])).toEqual([
      ['v1', null],
      ['v2', 'v1'],
      ['v1', 'v2'],
    ]);
    expect(body.history[2].promoted_at).toBe(body.promoted_at);
    expect(body.history[2].loaded_at).toBe(body.loaded_at);
  });

  it('when nothing is deployed, then 404 NOTHING_DEPLOYED saying how to deploy', async () => {
    api = await createTestApi({ deploy: null });
    const res = await request(api.app).get('/deployed_version/').expect(404);
    expect(res.body.error).toMatchObject({
      code: 'NOTHING_DEPLOYED',
      message: expect.stringMatching(/update-models/),
    });
  });
});
