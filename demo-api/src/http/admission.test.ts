import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';

/** A white PNG of that size (compresses to a few KB whatever the size). */
function whitePng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
}

/** A PNG whose header is intact and whose pixel data is garbage: decoding it fails with 422. */
async function undecodablePng(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await whitePng(width, height));
  const idat = png.indexOf('IDAT');
  png.fill(0x55, idat + 14, idat + 4 + png.readUInt32BE(idat - 4));
  return png;
}

async function predictedImages(api: TestApi): Promise<number> {
  const metric = await api.deps.metrics.predictions.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

describe('admission: the per-client pixel budget on /predict/ and /predict/batch/', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ env: { RATE_LIMIT_PREDICT_PIXELS_PER_MINUTE: '60000' } });
  });
  afterAll(() => api.close());

  it('when a batch costs more pixels than the whole budget, then 429 before any image is decoded', async () => {
    const before = await predictedImages(api);
    const white = await whitePng(200, 200);
    let req = request(api.app).post('/predict/batch/');
    for (let i = 0; i < 3; i++) req = req.attach('images', white, `${i}.png`);
    const res = await req.expect(429);
    expect(res.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/120,000 pixels.*budget of 60,000 decoded pixels per minute/),
      details: { pixels: 120_000, pixels_per_minute: 60_000 },
    });
    expect(res.headers['retry-after']).toBe('60');
    expect(await predictedImages(api)).toBe(before);
  });

  it('when an over-budget image could not even be decoded, then still 429, not 422: nothing was decoded', async () => {
    const res = await request(api.app)
      .post('/predict/')
      .attach('image', await undecodablePng(1000, 1000), 'bomb.png')
      .expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });

  it('when the budget is spent, then 429 with Retry-After, and after that wait the budget has refilled', async () => {
    const tile = await drawing({ width: 100, height: 100 });
    let batch = request(api.app).post('/predict/batch/');
    for (let i = 0; i < 6; i++) batch = batch.attach('images', tile, `${i}.png`);
    await batch.expect(200); // 60,000 pixels: the whole budget

    const small = await drawing({ width: 30, height: 30 }); // 900 pixels: refilled in 0.9 s
    const refused = await request(api.app).post('/predict/').attach('image', small, 'a.png').expect(429);
    expect(refused.body.error.message).toMatch(/budget of 60,000 decoded pixels per minute/);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    await request(api.app).post('/predict/').attach('image', small, 'a.png').expect(200);
  });
});

describe('admission: a well-behaved client under the default budgets', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('when a client sends its whole request limit of 300x300 images at once, then none is refused', async () => {
    const png = await drawing({ width: 300, height: 300 });
    const limit = api.deps.config.RATE_LIMIT_PREDICT_PER_MINUTE;
    const statuses: number[] = [];
    const connections = 4;
    await Promise.all(
      Array.from({ length: connections }, async (_unused, c) => {
        for (let i = c; i < limit; i += connections) {
          const res = await request(api.app).post('/predict/').attach('image', png, 'a.png');
          statuses.push(res.status);
        }
      }),
    );
    expect(statuses).toHaveLength(limit);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});

describe('admission: the global in-flight budget', () => {
  let api: TestApi;
  let server: http.Server;
  let url: string;
  const INFLIGHT_BYTES = 1_000_000;
  beforeAll(async () => {
    api = await createTestApi({ env: { ADMISSION_MAX_INFLIGHT_BYTES: String(INFLIGHT_BYTES) } });
    server = api.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  /** An upload that announces nearly the whole byte budget and then sends nothing more. */
  function slowUpload(): http.ClientRequest {
    const slow = http.request(`${url}/predict/`, {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=slowboundary',
        'content-length': String(INFLIGHT_BYTES - 500),
      },
    });
    slow.on('error', () => undefined); // destroyed below
    slow.write('--slowboundary\r\n');
    return slow;
  }

  it('when a slow upload holds the byte budget, then others get 503 OVERLOADED with Retry-After, until it ends', async () => {
    const png = await drawing();
    const slow = slowUpload();
    await new Promise((resolve) => setTimeout(resolve, 300)); // its headers reach the server

    const refused = await request(url).post('/predict/').attach('image', png, 'a.png').expect(503);
    expect(refused.body.error).toMatchObject({
      code: 'OVERLOADED',
      message: expect.stringMatching(/upload bytes/),
    });
    expect(refused.headers['retry-after']).toBe('1');

    slow.destroy();
    let status = 503;
    for (let attempt = 0; attempt < 50 && status === 503; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await request(url).post('/predict/').attach('image', png, 'a.png')).status;
    }
    expect(status).toBe(200);
  });
});
