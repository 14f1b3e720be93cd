import { promises as fs } from 'node:fs';
import request from 'supertest';
import { rawCompounds, readRawImages } from './__tests__/drawings';
import { makeStore, startMonitoredApp } from './__tests__/monitored-app';
import { predictAll } from './__tests__/requests';
import { monitoringResponseSchema } from './monitoring-schemas';

// Real models, images and RDKit: slower than jest's 5 s default on a shared 2-core machine.
jest.setTimeout(60_000);
let root: string;
let pngs: Buffer[];

beforeAll(async () => {
  const compounds = await rawCompounds();
  root = await makeStore(await readRawImages(compounds.slice(0, 60)));
  pngs = await readRawImages(compounds.slice(60, 100));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('monitoring across a restart', () => {
  it('when the API restarts, then the windows and feedback are rebuilt from the prediction log', async () => {
    const first = await startMonitoredApp(root);
    const items = await predictAll(first.app, pngs);
    await first.observed(items.length);
    for (const item of items.slice(0, 8)) {
      await request(first.app)
        .post('/feedback/')
        .send({ request_id: item.request_id, num_rings: 1 })
        .expect(200);
    }
    const before = monitoringResponseSchema.parse((await request(first.app).get('/monitoring/')).body);
    await first.close();

    const second = await startMonitoredApp(root);
    try {
      const after = monitoringResponseSchema.parse((await request(second.app).get('/monitoring/')).body);
      expect(after.window).toEqual(before.window);
      expect(after.certainty).toEqual(before.certainty);
      expect(after.feedback.current).toEqual(before.feedback.current);
      expect(after.drift.inputs).toEqual(before.drift.inputs);
      // A prediction served before the restart can still receive feedback.
      const late = await request(second.app)
        .post('/feedback/')
        .send({ request_id: items[30].request_id, num_rings: 1 });
      expect(late.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
