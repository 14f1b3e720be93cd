// MLflow answering 503 or not answering at all (real local HTTP servers): the
// training CLI and update-models retry where retrying can help, then stop with
// a clear error within a bounded time; they never hang.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeMlflow, type FakeMlflow, type Sickness } from './support/fake-mlflow';
import { recordFigures } from './support/figures';
import { REPO, run } from './support/processes';

jest.setTimeout(180_000);

const TRAIN = path.join(REPO, 'data-science/dist/cli.js');
const UPDATE_MODELS = path.join(REPO, 'update-models.sh');

describe('a sick MLflow', () => {
  let root: string;
  const servers: FakeMlflow[] = [];
  let faults = 0;
  const sick = async (sickness: Sickness) => {
    const server = await startFakeMlflow(sickness);
    servers.push(server);
    faults += 1;
    return server;
  };
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hostile-mlflow-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await rm(root, { recursive: true, force: true });
    recordFigures('mlflow-sick', { faults, lost: 0, crashes: 0 });
  });

  const train = (uri: string, env: Record<string, string> = {}) =>
    run(
      'node',
      [
        TRAIN,
        'train',
        '--version',
        'v1',
        '--arch',
        'v1',
        '--data',
        path.join(root, 'no-data'),
        '--out',
        path.join(root, 'models'),
      ],
      {
        env: { MLFLOW_TRACKING_URI: uri, MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0.1', ...env },
        timeoutMs: 90_000,
      },
    );

  it('when MLflow answers 503, then training retries, then exits 4 naming the server and the 503', async () => {
    const server = await sick('api-503');
    const result = await train(server.uri);
    const apiCalls = Object.entries(server.hits).filter(([k]) => !k.includes('/health'));
    expect([result.code, result.signal]).toEqual([4, null]);
    expect(result.stderr).toMatch(/MLflow error \(TEMPORARILY_UNAVAILABLE\).*503.*database is down/s);
    // The training's first call, retried 3 times, then given up (after one quick housekeeping call).
    expect(apiCalls).toEqual([
      ['GET /api/2.0/mlflow/experiments/get-by-name', 1],
      ['GET /api/2.0/mlflow/model-versions/search', 4],
    ]);
    expect(await readdir(root)).toEqual([]);
  });

  it('when MLflow accepts connections but never answers, then training stops at the reachability check within seconds', async () => {
    const server = await sick('stall-all');
    const result = await train(server.uri);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/MLflow is not reachable at http:\/\/127\.0\.0\.1:\d+.*--no-tracking/s);
    expect(result.ms).toBeLessThan(60_000);
  });

  it('when MLflow is healthy but its API stalls, then each request times out (MLFLOW_HTTP_REQUEST_TIMEOUT), is retried, and training exits 4', async () => {
    const server = await sick('api-stall');
    const result = await train(server.uri, { MLFLOW_HTTP_REQUEST_TIMEOUT: '1' });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/MLflow error \(TIMEOUT\).*cannot reach the MLflow server/s);
    expect(server.hits['GET /api/2.0/mlflow/model-versions/search']).toBe(4); // 1 + 3 retries
    expect(result.ms).toBeLessThan(60_000);
  });

  it('when update-models --from-mlflow meets a 503, then it retries (MLFLOW_HTTP_REQUEST_MAX_RETRIES) and exits 1, the store untouched', async () => {
    const server = await sick('api-503');
    const store = path.join(root, 'store');
    const result = await run('bash', [UPDATE_MODELS, '--from-mlflow', 'v1'], {
      env: {
        MLFLOW_TRACKING_URI: server.uri,
        MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2',
        MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0.1',
        MODEL_STORE_DIR: store,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/503/);
    expect(Object.entries(server.hits).filter(([k]) => !k.includes('/health'))).toEqual([
      [expect.any(String), 3],
    ]);
    expect(await readdir(root)).toEqual([]);
  });
});
