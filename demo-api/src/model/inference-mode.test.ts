import path from 'node:path';
import { loadModelFiles, predictImages, preprocessImage } from '@rings/ring-model';
import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { predictResponseSchema } from '../openapi/schemas';

describe('INFERENCE_MODE through the API', () => {
  const apis: Partial<Record<'layers' | 'plan', TestApi>> = {};
  let png: Buffer;
  beforeAll(async () => {
    png = await drawing();
    for (const mode of ['layers', 'plan'] as const) {
      apis[mode] = await createTestApi({ env: { INFERENCE_MODE: mode } });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(apis).map((api) => api.close()));
  });

  const predict = async (api: TestApi | undefined) => {
    const res = await request(api?.app).post('/predict/').attach('image', png, 'molecule.png').expect(200);
    return predictResponseSchema.parse(res.body);
  };

  it('when INFERENCE_MODE=plan, then the served version runs on its verified plan', () => {
    expect(apis.plan?.deps.registry.status().serving?.inference).toEqual({
      mode: 'plan',
      why: expect.stringMatching(/^planned \(\d+ ops\)$/),
    });
    expect(apis.layers?.deps.registry.status().serving?.inference.mode).toBe('layers');
  });

  it('when an image is posted, then the plan answers as the stored model itself does', async () => {
    const { model, metadata } = await loadModelFiles(path.join(apis.plan?.store ?? '', 'v1'));
    const [expected] = await predictImages(model, [await preprocessImage(png, metadata.input)]);
    model.dispose();
    const served = await predict(apis.plan);
    expect(served.model_version).toBe('v1');
    expect(served.prediction).toBe(expected.class);
    served.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected.probabilities[k], 4));
  });

  it('when a new version is promoted, then it is planned too and serves', async () => {
    await apis.plan?.promote('v2');
    expect(apis.plan?.deps.registry.status().serving).toMatchObject({
      version: 'v2',
      inference: { mode: 'plan' },
    });
    expect((await predict(apis.plan)).model_version).toBe('v2');
  });
});
