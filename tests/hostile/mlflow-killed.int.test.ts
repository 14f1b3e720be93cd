// MLflow killed (SIGKILL) in the middle of a training run, then restarted on the
// same store and port: the trained model is still exported locally, the
// training says what happened, and the run's final state is checked once the
// server is back.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMlflowClient, type MlflowClient } from '@rings/mlflow-client';
import { startMlflowServer, type MlflowServer } from '@rings/mlflow-server';
import { makeRingFixture } from '../../data-science/src/__tests__/ring-fixture';
import { recordFigures } from './support/figures';
import { REPO, start } from './support/processes';

jest.setTimeout(300_000);

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('MLflow killed during training', () => {
  let root: string;
  let fixture: string;
  let server: MlflowServer;
  const experiment = 'hostile-killed';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hostile-killed-'));
    [fixture, server] = await Promise.all([
      makeRingFixture({ perClass: 6, maxRings: 3, pixels: 48 }),
      startMlflowServer({ dir: path.join(root, 'mlflow') }),
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
    await rm(fixture, { recursive: true, force: true });
  });

  it('when the server dies mid-run, then the model is still exported, the error says so, and the next training to reach the server ends the run FAILED', async () => {
    const out = path.join(root, 'models');
    const train = (uri: string) =>
      start(
        'node',
        [
          path.join(REPO, 'data-science/dist/cli.js'),
          'train',
          ...['--version', 'v1', '--arch', 'v1', '--experiment', experiment],
          ...['--data', fixture, '--out', out, '--reports', path.join(root, 'reports')],
          ...[
            '--epochs',
            '4',
            '--batch-size',
            '8',
            '--image-size',
            '32',
            '--num-classes',
            '4',
            '--no-augment',
          ],
        ],
        { MLFLOW_TRACKING_URI: uri, MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0.2' },
      );
    const training = train(server.uri);
    await waitFor('the first epoch', () => /epoch 1\/4/.test(training.output()), 180_000);
    process.kill(-server.pid, 'SIGKILL');
    const finished = await training.exited;
    const port = Number(new URL(server.uri).port);
    server = await startMlflowServer({ dir: path.join(root, 'mlflow'), port });

    const client: MlflowClient = createMlflowClient({ trackingUri: server.uri });
    const { experimentId } = await client.experiments.getByName(experiment);
    const statuses = async () =>
      (await client.runs.search({ experimentIds: [experimentId] })).items.map((r) => [
        r.info.status,
        r.tags['error.message'],
      ]);
    const afterRestart = await statuses();
    // The next training that reaches the server ends the abandoned run (this one then stops: v1 exists).
    const next = await train(server.uri).exited;
    const report = {
      code: finished.code,
      message: finished.stderr.trim(),
      exported: existsSync(path.join(out, 'v1')) ? (await readdir(path.join(out, 'v1'))).sort() : [],
      afterRestart,
      afterNextTraining: await statuses(),
      next: { code: next.code, message: next.stderr.trim() },
    };
    recordFigures('mlflow-killed', {
      faults: 2,
      lost: report.exported.length === 3 ? 0 : 1,
      crashes: 0,
      details: report,
    });

    expect(report.code).toBe(4);
    expect(report.message).toMatch(/cannot reach the MLflow server at .*ECONNREFUSED/);
    expect(report.message).toMatch(/models\/v1 is kept on disk\. The MLflow run \w+ ends as FAILED/);
    expect(report.exported).toEqual(['metadata.json', 'model.json', 'weights.bin']);
    expect(report.afterRestart).toEqual([['RUNNING', undefined]]);
    expect(report.afterNextTraining).toEqual([
      ['FAILED', expect.stringMatching(/ended while MLflow was unreachable/)],
    ]);
    expect(report.next).toEqual({ code: 2, message: expect.stringMatching(/already exists/) });
  });
});
