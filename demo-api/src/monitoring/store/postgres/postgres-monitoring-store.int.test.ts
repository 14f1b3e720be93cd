// The shared monitoring store on a real PostgreSQL server: two stores stand for
// two replicas over one database.
import { Pool } from 'pg';
import { FeedbackAlreadyRecordedError, LiveMonitor, UnknownRequestIdError } from '../../live/live-monitor';
import { prediction } from '../../__tests__/records';
import { MonitoringStoreUnavailableError } from '../monitoring-store';
import { SCHEMA } from './migrations';
import { PostgresMonitoringStore, type PostgresMonitoringStoreOptions } from './postgres-monitoring-store';
import { startTestPostgres, type TestPostgres } from './__tests__/test-postgres';

let pg: TestPostgres;
let admin: Pool;
const opened: PostgresMonitoringStore[] = [];

async function openStore(options: Partial<PostgresMonitoringStoreOptions> = {}) {
  const store = new PostgresMonitoringStore({
    url: pg.url,
    windowSize: 100,
    feedbackWindowSize: 20,
    keepPredictions: 1000,
    flushMs: 20,
    ...options,
  });
  await store.open();
  opened.push(store);
  return store;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  pg = await startTestPostgres();
  admin = new Pool({ connectionString: pg.url, max: 1 });
  admin.on('error', () => undefined); // the restart test closes its connection
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
  await pg.start().catch(() => undefined); // in case a test left it stopped
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

afterAll(async () => {
  await admin?.end();
  await pg?.remove();
});

describe('PostgresMonitoringStore', () => {
  it('when three replicas open at once, then the schema is migrated once and each finds it ready', async () => {
    await Promise.all([openStore(), openStore(), openStore()]);
    const { rows } = await admin.query(`SELECT version FROM ${SCHEMA}.schema_migrations`);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('when one replica serves and another takes the feedback, then both report the same windows, as one process would', async () => {
    const a = await openStore({ replica: 'a' });
    const b = await openStore({ replica: 'b' });
    const reference = new LiveMonitor({ windowSize: 100, feedbackWindowSize: 20 });
    for (let i = 0; i < 30; i++) {
      const record = prediction(i, { model_version: i < 10 ? 'v1' : 'v2' });
      (i % 2 ? a : b).savePrediction(record);
      reference.recordPrediction(record);
    }
    for (let i = 0; i < 30; i += 3) {
      const feedback = { request_id: `req-${i}`, num_rings: i % 5 };
      const outcome = await (i % 2 ? b : a).saveFeedback(feedback); // the other replica than served it
      expect(outcome).toEqual(reference.recordFeedback(feedback));
    }
    const [wa, wb] = [await a.windows(), await b.windows()];
    for (const windows of [wa, wb]) {
      for (const version of ['v1', 'v2']) {
        expect(windows.predictions(version)).toEqual(reference.predictions(version));
        expect(windows.feedbackSummary(version)).toEqual(reference.feedbackSummary(version));
      }
      expect(windows.feedbackVersions()).toEqual(reference.feedbackVersions());
    }
    const replicas = await admin.query(
      `SELECT replica, count(*)::int AS n FROM ${SCHEMA}.predictions GROUP BY 1 ORDER BY 1`,
    );
    expect(replicas.rows).toEqual([
      { replica: 'a', n: 15 },
      { replica: 'b', n: 15 },
    ]);
  });

  it('when feedback comes twice or names an unknown prediction, then the first stands and the unknown is refused', async () => {
    const store = await openStore({ feedbackWaitMs: 100 });
    store.savePrediction(prediction(1));
    await store.saveFeedback({ request_id: 'req-1', num_rings: 1 });
    await expect(store.saveFeedback({ request_id: 'req-1', num_rings: 2 })).rejects.toBeInstanceOf(
      FeedbackAlreadyRecordedError,
    );
    await expect(store.saveFeedback({ request_id: 'nope', num_rings: 2 })).rejects.toBeInstanceOf(
      UnknownRequestIdError,
    );
    expect((await store.windows()).feedbackSummary('v1')).toMatchObject({ count: 1 });
  });

  it('when the database restarts, then predictions wait (bounded, the excess counted) and are written when it is back', async () => {
    const store = await openStore({ pendingLimit: 50 });
    await pg.stop();
    for (let i = 0; i < 80; i++) store.savePrediction(prediction(i)); // never throws, never waits
    await expect(store.windows()).rejects.toBeInstanceOf(MonitoringStoreUnavailableError);
    expect(store.stats()).toEqual({ written: 0, dropped: 30 });
    await pg.start();
    await until(async () => store.stats().written === 50);
    const windows = await store.windows();
    expect(windows.predictions('v1').map((p) => p.request_id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `req-${i + 30}`),
    );
  }, 60_000);

  it('when more predictions than kept arrive, then pruning keeps the newest, and each version keeps its feedback window', async () => {
    const store = await openStore({ keepPredictions: 40, feedbackWindowSize: 5, pruneMs: 50 });
    for (let i = 0; i < 100; i++) store.savePrediction(prediction(i));
    for (let i = 0; i < 100; i += 10) await store.saveFeedback({ request_id: `req-${i}`, num_rings: 0 });
    await until(async () => {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.predictions`);
      return rows[0].n === 40;
    });
    const { rows } = await admin.query(`SELECT min(request_id) AS oldest FROM ${SCHEMA}.predictions`);
    expect(rows[0].oldest).toBe('req-60');
    await until(async () => (await store.windows()).feedbackSummary('v1').count === 5);
  });
});
