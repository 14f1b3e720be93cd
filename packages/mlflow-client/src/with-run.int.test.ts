// withRun against the real server: a run ends FINISHED with every buffered
// metric, or FAILED with the body's error recorded.
import { testClient, uniqueName } from './__tests__/real-server';

// The real server shares two cores with other suites: allow for slow moments.
jest.setTimeout(60_000);

const mlflow = testClient();

describe('withRun', () => {
  it('when the body returns, then the run is FINISHED with its params and every buffered metric', async () => {
    const experimentName = uniqueName('with-run');
    const runId = await mlflow.withRun(
      {
        experimentName,
        runName: 'ok',
        params: { epochs: 2 },
        tags: { 'mlflow.source.git.commit': 'abc123' },
      },
      async (run) => {
        // 1200 values: one background flush when the buffer reaches 1000, the rest at the end.
        for (let step = 0; step < 600; step += 1)
          run.logMetrics({ loss: 1 / (step + 1), acc: step / 600 }, step);
        await run.setTags({ phase: 'done' });
        return run.runId;
      },
    );
    const run = await mlflow.runs.get(runId);
    expect(run.info).toMatchObject({ status: 'FINISHED', runName: 'ok' });
    expect(run.info.endTime).toBeGreaterThanOrEqual(run.info.startTime ?? Infinity);
    expect(run.params).toEqual({ epochs: '2' });
    expect(run.tags).toMatchObject({
      phase: 'done',
      'mlflow.source.git.commit': 'abc123',
      'mlflow.source.type': 'LOCAL',
    });
    expect((await mlflow.runs.getMetricHistory(runId, 'acc')).map((m) => m.step)).toEqual(
      Array.from({ length: 600 }, (_, i) => i),
    );
    expect((await mlflow.experiments.getByName(experimentName)).experimentId).toBe(run.info.experimentId);
  });

  it('when the body throws, then the error is rethrown and the run is FAILED with the error recorded', async () => {
    const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('with-run-fail'));
    let runId = '';
    const failure = new RangeError('learning rate exploded');
    const outcome = mlflow.withRun({ experimentId, runName: 'boom', flushIntervalMs: 0 }, async (run) => {
      runId = run.runId;
      run.logMetric('loss', 0.5, 0);
      run.logMetric('loss', NaN, 1);
      throw failure;
    });
    await expect(outcome).rejects.toBe(failure);

    const run = await mlflow.runs.get(runId);
    expect(run.info.status).toBe('FAILED');
    expect(run.info.endTime).toBeGreaterThan(0);
    expect(run.tags).toMatchObject({ 'error.name': 'RangeError', 'error.message': 'learning rate exploded' });
    expect(run.tags['error.stack']).toContain('with-run.int.test');
    expect((await mlflow.runs.getMetricHistory(runId, 'loss')).map((m) => m.value)).toEqual([0.5, NaN]);
  });

  it('when the real server is up, then assertReachable resolves and ping is true', async () => {
    await expect(mlflow.assertReachable()).resolves.toBeUndefined();
    await expect(mlflow.ping()).resolves.toBe(true);
  });
});
