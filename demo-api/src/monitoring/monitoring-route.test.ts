import { promises as fs } from 'node:fs';
import request from 'supertest';
import { drawDifferently, interleaved, rawCompounds, readRawImages } from './__tests__/drawings';
import { makeStore, startMonitoredApp, type MonitoredApp } from './__tests__/monitored-app';
import { predictAll } from './__tests__/requests';
import { monitoringResponseSchema } from './monitoring-schemas';

// Real models, images and RDKit: slower than jest's 5 s default on a shared 2-core machine.
jest.setTimeout(60_000);
let root: string;
let live: Buffer[];
let redrawn: Buffer[];
let running: MonitoredApp | undefined;

beforeAll(async () => {
  const compounds = await rawCompounds();
  root = await makeStore(await readRawImages(interleaved(compounds, 4, 0, 200)));
  live = await readRawImages(interleaved(compounds, 4, 1, 60));
  redrawn = await drawDifferently(interleaved(compounds, 4, 2, 60));
});
afterEach(async () => {
  await running?.close();
  running = undefined;
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** A fresh app (and prediction log) per test, over the shared store. */
async function start(logs: string[] = []): Promise<MonitoredApp> {
  const dir = await fs.mkdtemp(`${root}/log-`);
  running = await startMonitoredApp(root, { MONITORING_DIR: dir }, logs);
  return running;
}

describe('GET /monitoring/', () => {
  it('when nothing was predicted yet, then the window is empty and every level is insufficient_data', async () => {
    const { app } = await start();
    const res = await request(app).get('/monitoring');
    expect(res.status).toBe(200);
    const report = monitoringResponseSchema.parse(res.body);
    expect(report).toMatchObject({ model_version: 'v1', window: { size: 0 } });
    expect(report.drift.baseline_available).toBe(true);
    expect(report.drift.inputs.bbox_area.level).toBe('insufficient_data');
    expect(report.recommendation.retraining_recommended).toBe(false);
  });

  it('when in-distribution images are predicted, then no statistic alerts and nothing is recommended', async () => {
    const { app, observed } = await start();
    await predictAll(app, live);
    await observed(live.length);
    const report = monitoringResponseSchema.parse((await request(app).get('/monitoring/')).body);
    expect(report.window.size).toBe(live.length);
    const levels = Object.values(report.drift.inputs).map((d) => d.level);
    expect(levels).toHaveLength(6);
    expect(levels).not.toContain('alert');
    expect(report.drift.inputs.stroke_width.method).toBe('psi+ks');
    expect(report.drift.confidence?.level).not.toBe('alert');
    expect(report.recommendation).toMatchObject({ retraining_recommended: false, reasons: [] });
    expect(report.certainty.mean_confidence).toBeGreaterThan(0);
  });

  it('when differently drawn images are predicted, then input drift recommends retraining, logged once', async () => {
    const logs: string[] = [];
    const { app, observed } = await start(logs);
    await predictAll(app, redrawn);
    await observed(redrawn.length);
    const first = monitoringResponseSchema.parse((await request(app).get('/monitoring/')).body);
    await request(app).get('/monitoring/');
    expect(first.recommendation.retraining_recommended).toBe(true);
    const codes = first.recommendation.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['input_drift.stroke_width', 'input_drift.mean_intensity']));
    const warnings = logs.filter((line) =>
      line.includes('retraining recommended: input stroke_width drifted'),
    );
    expect(warnings).toHaveLength(1);
  });

  it('when /metrics is scraped, then the monitoring gauges carry the same figures', async () => {
    const { app, observed } = await start();
    await predictAll(app, redrawn.slice(0, 40));
    await observed(40);
    const text = (await request(app).get('/metrics')).text;
    expect(text).toMatch(/^monitoring_window_predictions 40$/m);
    expect(text).toMatch(/^monitoring_drift_level\{statistic="stroke_width"\} 2$/m);
    expect(text).toMatch(/^monitoring_drift_ks_p_value\{statistic="bbox_area"\} [0-9.e-]+$/m);
    expect(text).toMatch(/^monitoring_retraining_recommended 1$/m);
    expect(text).toMatch(/^monitoring_prediction_log_dropped_total 0$/m);
  });
});
