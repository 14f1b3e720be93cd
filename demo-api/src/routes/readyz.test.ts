import { promises as fs } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { writeTinyModel } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { readyResponseSchema } from '../openapi/schemas';

describe('GET /readyz', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('when a model is loaded and warm, then 200 with its version', async () => {
    api = await createTestApi();
    const res = await request(api.app).get('/readyz/').expect(200);
    expect(readyResponseSchema.parse(res.body)).toMatchObject({ model_version: 'v1', refused: null });
  });

  it('when nothing is deployed, then 503 MODEL_NOT_READY, and predictions get 503 too', async () => {
    api = await createTestApi({ deploy: null });
    const res = await request(api.app).get('/readyz').expect(503);
    expect(res.body.error).toMatchObject({
      code: 'MODEL_NOT_READY',
      message: expect.stringMatching(/no version is deployed/),
    });
    const predict = await request(api.app)
      .post('/predict/')
      .attach('image', Buffer.from([0xff, 0xd8, 0xff, 0]), 'a.jpg');
    expect(predict.status).toBe(503);
    expect(predict.headers['retry-after']).toBe('5');
  });

  it('when a broken version is deployed over a good one, then still ready on the old one and says why', async () => {
    api = await createTestApi();
    await writeTinyModel(path.join(api.store, 'v9'), { version: 'v9', fault: 'nan-weights' });
    const pointer = { version: 'v9', promoted_at: new Date().toISOString(), previous: 'v1' };
    await fs.writeFile(path.join(api.store, 'deployed.json'), JSON.stringify(pointer));
    await api.deps.registry.sync();
    const res = await request(api.app).get('/readyz').expect(200);
    expect(res.body).toMatchObject({
      model_version: 'v1',
      deployed_version: 'v9',
      refused: { version: 'v9', reason: expect.stringMatching(/not a usable model/) },
    });
  });

  it('when the only deployed version is broken, then 503 with the refusal', async () => {
    api = await createTestApi({ deploy: null });
    await writeTinyModel(path.join(api.store, 'v9'), { version: 'v9', fault: 'truncated-weights' });
    await fs.writeFile(
      path.join(api.store, 'deployed.json'),
      JSON.stringify({ version: 'v9', promoted_at: new Date().toISOString() }),
    );
    await api.deps.registry.sync();
    const res = await request(api.app).get('/readyz').expect(503);
    expect(res.body.error.message).toMatch(/version v9 was refused: .*bytes/);
  });
});
