import { promises as fs } from 'node:fs';
import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi } from '../__tests__/test-api';
import { rawCompounds, readRawImages } from './__tests__/drawings';
import { makeStore, startMonitoredApp, type MonitoredApp } from './__tests__/monitored-app';
import { predictAll, type BatchItem } from './__tests__/requests';
import { feedbackResponseSchema, monitoringResponseSchema } from './monitoring-schemas';

// Real models, images and RDKit: slower than jest's 5 s default on a shared 2-core machine.
jest.setTimeout(60_000);
let root: string;
let running: MonitoredApp;
let items: BatchItem[];

beforeAll(async () => {
  const compounds = await rawCompounds();
  root = await makeStore(await readRawImages(compounds.slice(0, 60)));
  running = await startMonitoredApp(root);
  items = await predictAll(running.app, await readRawImages(compounds.slice(60, 90)));
  await running.observed(items.length);
});
afterAll(async () => {
  await running.close();
  await fs.rm(root, { recursive: true, force: true });
});

const post = (body: unknown) =>
  request(running.app)
    .post('/feedback/')
    .send(body as object);

describe('POST /feedback/', () => {
  it('when feedback names served predictions, then live accuracy and MAE follow the arithmetic', async () => {
    // Ten feedbacks: four right, then errors of 1, 2, 3, 1, 2, 3 classes (MAE 12 / 10).
    const offsets = [0, 0, 0, 0, 1, 2, 3, 1, 2, 3];
    for (const [i, offset] of offsets.entries()) {
      const item = items[i];
      // Predicted class + offset, or - offset when that would pass the last class (6, "6+").
      const truth = item.prediction + offset <= 6 ? item.prediction + offset : item.prediction - offset;
      const res = await post({ request_id: item.request_id, num_rings: truth });
      expect(res.status).toBe(200);
      expect(feedbackResponseSchema.parse(res.body)).toMatchObject({
        request_id: item.request_id,
        model_version: 'v1',
        predicted_class: item.prediction,
        correct: offset === 0,
        absolute_error: offset,
      });
    }
    const report = monitoringResponseSchema.parse((await request(running.app).get('/monitoring/')).body);
    expect(report.feedback.current).toMatchObject({ count: 10, accuracy: 0.4, expected_accuracy: 0.9 });
    expect(report.feedback.current.mae).toBeCloseTo(1.2, 12);
    expect(report.feedback.by_version.v1.count).toBe(10);
    const metrics = (await request(running.app).get('/metrics')).text;
    expect(metrics).toMatch(/^monitoring_live_accuracy_ratio\{model_version="v1"\} 0.4$/m);
  });

  it('when the same prediction gets feedback again, then 409 and the first answer stands', async () => {
    const item = items[20];
    await post({ request_id: item.request_id, num_rings: item.prediction }).expect(200);
    const before = monitoringResponseSchema.parse((await request(running.app).get('/monitoring/')).body);
    const res = await post({ request_id: item.request_id, num_rings: (item.prediction + 1) % 7 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'DUPLICATE_FEEDBACK',
      message: expect.stringContaining(item.request_id),
      details: { request_id: item.request_id },
    });
    const after = monitoringResponseSchema.parse((await request(running.app).get('/monitoring/')).body);
    expect(after.feedback.current).toEqual(before.feedback.current);
  });

  it("when a client picks its prediction's X-Request-Id, then only the server-issued id takes feedback", async () => {
    const [png] = await readRawImages((await rawCompounds()).slice(95, 96));
    const res = await request(running.app)
      .post('/predict/')
      .set('X-Request-Id', 'chosen-by-client')
      .attach('image', png, 'a.png')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('chosen-by-client');
    expect(res.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    await running.observed(items.length + 1);
    expect((await post({ request_id: 'chosen-by-client', num_rings: 1 })).status).toBe(404);
    expect((await post({ request_id: res.body.request_id, num_rings: 1 })).status).toBe(200);
  });

  it('when the request id is unknown, then 404 says which id and what to send', async () => {
    const res = await post({ request_id: 'no-such-request', num_rings: 2 });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.message).toMatch(/no-such-request.*POST \/predict\//);
    expect(res.body.error.details).toEqual({ request_id: 'no-such-request' });
  });

  it.each([
    ['num_rings is missing', { request_id: 'x' }, /body.num_rings/],
    ['num_rings is negative', { request_id: 'x', num_rings: -1 }, /body.num_rings/],
    ['num_rings is fractional', { request_id: 'x', num_rings: 2.5 }, /body.num_rings/],
    ['num_rings is a string', { request_id: 'x', num_rings: '2' }, /body.num_rings/],
    ['request_id is empty', { request_id: '', num_rings: 2 }, /body.request_id/],
    ['a field is unknown', { request_id: 'x', num_rings: 2, rings: 2 }, /rings/],
  ])('when %s, then 400 VALIDATION_FAILED names the field', async (_case, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(field);
  });

  it('when the body is not JSON, then 400 INVALID_JSON', async () => {
    const res = await request(running.app)
      .post('/feedback/')
      .set('Content-Type', 'application/json')
      .send('{"request_id": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });
});

describe('POST /feedback/ rate limit', () => {
  it('when one client sends more than RATE_LIMIT_FEEDBACK_PER_MINUTE, then 429 with Retry-After, and predictions still answer', async () => {
    const api = await createTestApi({ env: { RATE_LIMIT_FEEDBACK_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await request(api.app).post('/feedback/').send({ request_id: 'x', num_rings: 1 })).status,
        );
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      const limited = await request(api.app).post('/feedback').send({ request_id: 'x', num_rings: 1 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/feedback/),
        details: { limit_per_minute: 3 },
      });
      await request(api.app)
        .post('/predict/')
        .attach('image', await drawing(), 'a.png')
        .expect(200);
    } finally {
      await api.close();
    }
  });
});
