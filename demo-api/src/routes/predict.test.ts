import request from 'supertest';
import { drawing, truncatedPng } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { predictResponseSchema } from '../openapi/schemas';
import type { PredictionEvent } from '../prediction-observer';

describe('POST /predict/', () => {
  let api: TestApi;
  let png: Buffer;
  const events: PredictionEvent[] = [];
  beforeAll(async () => {
    api = await createTestApi({
      env: { MAX_UPLOAD_BYTES: '200000', MAX_INPUT_PIXELS: String(1000 * 1000) },
      observer: (event) => void events.push(event),
    });
    png = await drawing();
  });
  afterAll(() => api.close());

  it.each(['/predict/', '/predict'])('when a PNG is posted to %s, then a prediction from v1', async (url) => {
    const res = await request(api.app).post(url).attach('image', png, 'molecule.png').expect(200);
    const body = predictResponseSchema.parse(res.body);
    expect(body.model_version).toBe('v1');
    expect(body.request_id).toBe(res.headers['x-request-id']);
    expect(body.probabilities).toHaveLength(4);
    expect(body.confidence).toBe(Math.max(...body.probabilities));
    expect(body.label).toBe(['0', '1', '2', '3+'][body.prediction]);
  });

  it("when the client sends X-Request-Id, then the header echoes it but the prediction id is the server's", async () => {
    const mine = await request(api.app)
      .post('/predict/')
      .set('X-Request-Id', 'abc-123')
      .attach('image', png, 'a.png');
    expect(mine.headers['x-request-id']).toBe('abc-123');
    expect(mine.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await request(api.app)
      .post('/predict/')
      .set('X-Request-Id', 'a b<c>')
      .attach('image', png, 'a.png');
    expect(unsafe.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(unsafe.headers['x-request-id']).toBe(unsafe.body.request_id);
  });

  it('when a prediction is made, then the observer gets it with the preprocessed image', async () => {
    const res = await request(api.app).post('/predict/').attach('image', png, 'a.png').expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    const event = events.find((e) => e.request_id === res.body.request_id);
    expect(event).toMatchObject({
      model_version: 'v1',
      class: res.body.prediction,
      confidence: res.body.confidence,
    });
    expect(event?.image.size).toBe(16);
    expect(event?.image.pixels).toHaveLength(16 * 16);
  });

  it.each([
    ['JPEG', 'jpeg' as const],
    ['WebP', 'webp' as const],
  ])('when a %s is posted, then it is accepted', async (_name, format) => {
    await request(api.app)
      .post('/predict/')
      .attach('image', await drawing({ format }), 'x.bin')
      .expect(200);
  });

  const badRequests: {
    name: string;
    build: (r: request.Test) => request.Test;
    status: number;
    code: string;
    message: RegExp;
  }[] = [
    {
      name: 'no file',
      build: (r) => r.field('note', 'hi'),
      status: 400,
      code: 'MISSING_IMAGE',
      message: /file field 'image'/,
    },
    {
      name: 'the wrong field',
      build: (r) => r.attach('file', png, 'a.png'),
      status: 400,
      code: 'UNEXPECTED_FIELD',
      message: /'file'.*'image'/,
    },
    {
      name: 'two files',
      build: (r) => r.attach('image', png, 'a.png').attach('image', png, 'b.png'),
      status: 400,
      code: 'TOO_MANY_FILES',
      message: /exactly one image/,
    },
    {
      name: 'a file over MAX_UPLOAD_BYTES',
      build: (r) => r.attach('image', Buffer.alloc(200_001, 1), 'a.png'),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: /200000 bytes/,
    },
    {
      name: 'a JSON body',
      build: (r) => r.send({ image: 'x' }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: /multipart/,
    },
    {
      name: 'malformed JSON',
      build: (r) => r.set('Content-Type', 'application/json').send('{"image":'),
      status: 400,
      code: 'INVALID_JSON',
      message: /not valid JSON/,
    },
    {
      name: 'a text file',
      build: (r) => r.attach('image', Buffer.from('hello there'), 'a.png'),
      status: 415,
      code: 'UNSUPPORTED_IMAGE_TYPE',
      message: /not a known image type/,
    },
    {
      name: 'an empty file',
      build: (r) => r.attach('image', Buffer.alloc(0), 'a.png'),
      status: 422,
      code: 'IMAGE_UNDECODABLE',
      message: /empty/,
    },
    {
      name: 'a broken multipart body',
      build: (r) => r.set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\nbroken'),
      status: 400,
      code: 'MALFORMED_MULTIPART',
      message: /malformed/,
    },
  ];
  it.each(badRequests)(
    'when the request has $name, then $status $code',
    async ({ build, status, code, message }) => {
      const res = await build(request(api.app).post('/predict/'));
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
    },
  );

  it.each([
    ['a GIF', 415, 'UNSUPPORTED_IMAGE_TYPE', /gif file/, async () => drawing({ format: 'gif' })],
    ['a truncated PNG', 422, 'IMAGE_UNDECODABLE', /could not be decoded/, truncatedPng],
    [
      'more pixels than MAX_INPUT_PIXELS',
      413,
      'IMAGE_TOO_LARGE',
      /pixel limit/,
      async () => drawing({ width: 1001, height: 1000 }),
    ],
  ])('when the image is %s, then %d %s', async (_name, status, code, message, make) => {
    const res = await request(api.app)
      .post('/predict/')
      .attach('image', await make(), 'a.png');
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('when the bad inputs are over, then the process still serves', async () => {
    await request(api.app).post('/predict/').attach('image', png, 'a.png').expect(200);
  });

  it('when asked with GET, then 405 naming POST', async () => {
    const res = await request(api.app).get('/predict/').expect(405);
    expect(res.headers.allow).toBe('POST, OPTIONS');
  });
});
