import path from 'node:path';
import { loadModelFiles, predictImages, preprocessImage } from '@rings/ring-model';
import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { predictResponseSchema } from '../openapi/schemas';

describe('INFERENCE_MODE through the API', () => {
  let layersApi: TestApi;
  let planApi: TestApi;
  let png: Buffer;
  beforeAll(async () => {
    png = await drawing();
    layersApi = await createTestApi({ env: { INFERENCE_MODE: 'layers' } });
    planApi = await createTestApi({ env: { INFERENCE_MODE: 'plan' } });
  });
  afterAll(async () => {
    await Promise.all([layersApi.close(), planApi.close()]);
  });

  const predict = async (api: TestApi) => {
    const res = await request(api.app).post('/predict/').attach('image', png, 'molecule.png').expect(200);
    return predictResponseSchema.parse(res.body);
  };

  it('when INFERENCE_MODE=plan, then the served version runs on its verified plan', () => {
    expect(planApi.deps.registry.status().serving?.inference).toEqual({
      mode: 'plan',
      why: expect.stringMatching(/^planned \(\d+ ops\)$/),
    });
    expect(layersApi.deps.registry.status().serving?.inference.mode).toBe('layers');
  });

  it('when an image is posted, then the plan answers as the stored model itself does', async () => {
    const { model, metadata } = await loadModelFiles(path.join(planApi.store, 'v1'));
    const [expected] = await predictImages(model, [await preprocessImage(png, metadata.input)]);
    model.dispose();
    const served = await predict(planApi);
    expect(served.model_version).toBe('v1');
    expect(served.prediction).toBe(expected.class);
    served.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected.probabilities[k], 4));
  });

  it('when a new version is promoted, then it is planned too and serves', async () => {
    await planApi.promote('v2');
    expect(planApi.deps.registry.status().serving).toMatchObject({
      version: 'v2',
      inference: { mode: 'plan' },
    });
    expect((await predict(planApi)).model_version).toBe('v2');
  });
});
