// Foundation check: the real MLflow server started by jest's global setup
// accepts an experiment and a run, and gives them back through its REST API.
const base = `${process.env.MLFLOW_TRACKING_URI}/api/2.0/mlflow`;

async function call<T>(method: 'GET' | 'POST', endpoint: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/${endpoint}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${endpoint}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

describe('the real MLflow server', () => {
  it('when an experiment and a run are created, then both read back with their data', async () => {
    const name = `foundation-${Date.now()}`;
    const { experiment_id } = await call<{ experiment_id: string }>('POST', 'experiments/create', { name });
    const got = await call<{ experiment: { name: string } }>(
      'GET',
      `experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`,
    );
    expect(got.experiment.name).toBe(name);

    const created = await call<{ run: { info: { run_id: string } } }>('POST', 'runs/create', {
      experiment_id,
      run_name: 'smoke',
      start_time: Date.now(),
    });
    const runId = created.run.info.run_id;
    await call('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'loss', value: 0.5, timestamp: Date.now(), step: 1 }],
      params: [{ key: 'arch', value: 'v1' }],
    });
    const run = await call<{
      run: {
        info: { run_name: string };
        data: { metrics: { key: string; value: number }[]; params: { key: string; value: string }[] };
      };
    }>('GET', `runs/get?run_id=${runId}`);
    expect(run.run.info.run_name).toBe('smoke');
    expect(run.run.data.metrics).toEqual([expect.objectContaining({ key: 'loss', value: 0.5 })]);
    expect(run.run.data.params).toEqual([{ key: 'arch', value: 'v1' }]);
  });
});
