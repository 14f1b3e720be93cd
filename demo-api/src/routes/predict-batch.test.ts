import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { batchResponseSchema } from '../openapi/schemas';
import type { PredictionEvent } from '../prediction-observer';

describe('POST /predict/batch/', () => {
  let api: TestApi;
  let png: Buffer;
  const events: PredictionEvent[] = [];
  beforeAll(async () => {
    api = await createTestApi({
      env: { MAX_BATCH_IMAGES: '3' },
      observer: (event) => {
        events.push(event);
        throw new Error('observer bug'); // must not reach the client
      },
    });
    png = await drawing();
  });
  afterAll(() => api.close());

  it.each(['/predict/batch/', '/predict/batch'])(
    'when three images go to %s, then three predictions in order',
    async (url) => {
      const jpeg = await drawing({ format: 'jpeg', width: 120, height: 200 });
      const res = await request(api.app)
        .post(url)
        .attach('images', png, 'a.png')
        .attach('images', jpeg, 'b.jpg')
        .attach('images', png, 'c.png')
        .expect(200);
      const body = batchResponseSchema.parse(res.body);
      expect(body.model_version).toBe('v1');
      expect(body.predictions.map((p) => [p.index, p.filename, p.request_id])).toEqual([
        [0, 'a.png', `${body.request_id}:0`],
        [1, 'b.jpg', `${body.request_id}:1`],
        [2, 'c.png', `${body.request_id}:2`],
      ]);
      body.predictions[0].probabilities.forEach((p, k) =>
        expect(p).toBeCloseTo(body.predictions[2].probabilities[k], 5),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(events.filter((e) => e.request_id.startsWith(`${body.request_id}:`))).toHaveLength(3);
    },
  );

  it('when more than MAX_BATCH_IMAGES are sent, then 400 TOO_MANY_FILES', async () => {
    let req = request(api.app).post('/predict/batch/');
    for (let i = 0; i < 4; i++) req = req.attach('images', png, `${i}.png`);
    const res = await req.expect(400);
    expect(res.body.error).toMatchObject({
      code: 'TOO_MANY_FILES',
      message: 'send at most 3 images per request',
    });
  });

  it('when one image of the batch is not an image, then 415 naming its index and file', async () => {
    const res = await request(api.app)
      .post('/predict/batch/')
      .attach('images', png, 'a.png')
      .attach('images', Buffer.from('%PDF-1.4 ...'), 'b.png')
      .expect(415);
    expect(res.body.error).toMatchObject({
      code: 'UNSUPPORTED_IMAGE_TYPE',
      details: { index: 1, filename: 'b.png', detected: 'pdf' },
    });
  });

  it('when one image is undecodable, then 422 naming its index', async () => {
    const res = await request(api.app)
      .post('/predict/batch/')
      .attach('images', png.subarray(0, 100), 'a.png')
      .expect(422);
    expect(res.body.error).toMatchObject({
      code: 'IMAGE_UNDECODABLE',
      message: expect.stringMatching(/^image 0: /),
    });
  });

  it.each([
    ['no image', 400, 'MISSING_IMAGE', (r: request.Test) => r.field('x', 'y')],
    [
      "the single-image field 'image'",
      400,
      'UNEXPECTED_FIELD',
      (r: request.Test) => r.attach('image', png, 'a.png'),
    ],
  ])('when the request has %s, then %d %s', async (_name, status, code, build) => {
    const res = await build(request(api.app).post('/predict/batch/'));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });
});
