// Runs against the real server: chunked log-batch, metric history over many
// steps, non-finite values, write-once params, and what the UI's search reads.
import { MlflowInvalidParameterError, MlflowResourceDoesNotExistError } from './errors';
import { testClient, uiCall, uniqueName } from './__tests__/real-server';

// The real server shares two cores with other suites: allow for slow moments.
jest.setTimeout(60_000);

const mlflow = testClient();
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function newRun(runName = 'r') {
  const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('runs'));
  return {
    experimentId,
    run: await mlflow.runs.create({ experimentId, runName, tags: { 'mlflow.user': 'ci' } }),
  };
}

describe('runs', () => {
  it('when 1200 steps, 150 params and 120 tags are logged in one call (several requests), then all read back', async () => {
    const { run } = await newRun('many');
    const params = Object.fromEntries(range(150).map((i) => [`p${i}`, i]));
    const tags = Object.fromEntries(range(120).map((i) => [`t${i}`, `v${i}`]));
    const metrics = range(1200).map((step) => ({
      key: 'loss',
      value: 1 / (step + 1),
      step,
      timestamp: 1_700_000_000_000 + step,
    }));
    await mlflow.runs.logBatch(run.info.runId, { metrics, params, tags });

    const history = await mlflow.runs.getMetricHistory(run.info.runId, 'loss');
    expect(history.map((m) => m.step)).toEqual(range(1200));
    expect(history.map((m) => m.value)).toEqual(metrics.map((m) => m.value));
    expect(history[1199].timestamp).toBe(1_700_000_001_199);
    const got = await mlflow.runs.get(run.info.runId);
    expect(got.params).toEqual(Object.fromEntries(range(150).map((i) => [`p${i}`, String(i)])));
    expect(got.tags).toMatchObject({ ...tags, 'mlflow.user': 'ci', 'mlflow.runName': 'many' });
    expect(got.metrics.loss).toMatchObject({ step: 1199, value: 1 / 1200 });
  });

  it('when NaN and ±Infinity are logged, then they read back as NaN and ±Infinity', async () => {
    const { run } = await newRun();
    const values = [NaN, Infinity, -Infinity, 0.25];
    await mlflow.runs.logBatch(run.info.runId, {
      metrics: values.map((value, step) => ({ key: 'odd', value, step })),
    });
    const history = await mlflow.runs.getMetricHistory(run.info.runId, 'odd');
    expect(history.map((m) => m.value)).toEqual(values);
  });

  it('when a param is logged again with another value, then MlflowInvalidParameterError; the same value is fine', async () => {
    const { run } = await newRun();
    await mlflow.runs.logBatch(run.info.runId, { params: { lr: 0.1 } });
    await expect(mlflow.runs.logBatch(run.info.runId, { params: { lr: 0.1 } })).resolves.toBeUndefined();
    const err = await mlflow.runs.logBatch(run.info.runId, { params: { lr: 0.2 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowInvalidParameterError);
    expect(err).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', status: 400 });
  });

  it('when runs are written and ended, then search (client and UI route) shows their metrics, params and tags', async () => {
    const { experimentId, run: a } = await newRun('a');
    const b = await mlflow.runs.create({ experimentId, runName: 'b' });
    await mlflow.runs.logBatch(a.info.runId, {
      metrics: [{ key: 'acc', value: 0.9 }],
      params: { arch: 'cnn' },
      tags: { k: 'x' },
    });
    await mlflow.runs.logBatch(b.info.runId, {
      metrics: [{ key: 'acc', value: 0.7 }],
      params: { arch: 'mlp' },
    });
    const ended = await mlflow.runs.terminate(a.info.runId);
    expect(ended).toMatchObject({ status: 'FINISHED', runId: a.info.runId });
    expect(ended.endTime).toBeGreaterThan(0);
    await mlflow.runs.terminate(b.info.runId, 'KILLED');

    const page = await mlflow.runs.search({ experimentIds: [experimentId], orderBy: ['metrics.acc DESC'] });
    expect(page.items.map((r) => [r.info.runName, r.info.status, r.metrics.acc.value])).toEqual([
      ['a', 'FINISHED', 0.9],
      ['b', 'KILLED', 0.7],
    ]);
    const filtered = await mlflow.runs.searchAll({
      experimentIds: [experimentId],
      filter: "params.arch = 'mlp'",
    });
    expect(filtered.map((r) => r.info.runId)).toEqual([b.info.runId]);

    type UiRun = { info: { run_id: string }; data: { metrics: object[]; params: object[]; tags: object[] } };
    const ui = await uiCall<{ runs: UiRun[] }>('runs/search', {
      experiment_ids: [experimentId],
      filter: "tags.k = 'x'",
    });
    expect(ui.runs).toHaveLength(1);
    expect(ui.runs[0].data.metrics).toEqual([expect.objectContaining({ key: 'acc', value: 0.9 })]);
    expect(ui.runs[0].data.params).toEqual([{ key: 'arch', value: 'cnn' }]);
    expect(ui.runs[0].data.tags).toEqual(expect.arrayContaining([{ key: 'k', value: 'x' }]));
  });

  it('when searching page by page, then the pages together hold every run once', async () => {
    const { experimentId } = await newRun('p0');
    await Promise.all([1, 2, 3, 4].map((i) => mlflow.runs.create({ experimentId, runName: `p${i}` })));
    const first = await mlflow.runs.search({ experimentIds: [experimentId], maxResults: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const all = await mlflow.runs.searchAll({ experimentIds: [experimentId], maxResults: 2 });
    expect(all.map((r) => r.info.runName).sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });

  it('when the run does not exist, then MlflowResourceDoesNotExistError', async () => {
    await expect(mlflow.runs.get('0'.repeat(32))).rejects.toBeInstanceOf(MlflowResourceDoesNotExistError);
  });
});
