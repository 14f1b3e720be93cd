// ./update-models.sh end to end (built CLI, real store, MLflow unreachable on purpose).
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { readDeployedPointer } from '@rings/ring-model';
import { closedPort } from '../../../packages/mlflow-client/src/__tests__/local-server';
import { makeTempDir, writeTinyModels } from '../../../packages/ring-model/src/store/__tests__/tiny-model';

const script = path.resolve(__dirname, '../../../update-models.sh');

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

describe('update-models.sh', () => {
  let root: string;
  let store: string;
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<Run>((resolve) => {
      const options = {
        cwd: root,
        env: {
          ...process.env,
          MODEL_STORE_DIR: store,
          MODEL_SOURCE_DIR: path.join(root, 'sources'),
          MLFLOW_TRACKING_URI: 'http://127.0.0.1:9', // nothing listens: MLflow unreachable
          ...env,
        },
      };
      execFile('bash', [script, ...args], options, (err, stdout, stderr) => {
        const failure = err as (Error & { code?: number; signal?: string }) | null;
        resolve({
          code: failure ? (failure.code ?? null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      });
    });

  beforeAll(async () => {
    root = await makeTempDir('update-models');
    await writeTinyModels(path.join(root, 'sources'), [{ version: 'v1' }, { version: 'v2', favour: 1 }]);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));
  beforeEach(async () => {
    store = await fs.mkdtemp(path.join(root, 'store-'));
  });

  it('when names are unsafe, then exit 2 with a clear message and nothing runs or changes', async () => {
    // The full table of bad names is tested on assertVersionName; here, that the shell passes them intact.
    const marker = path.join(root, 'pwned');
    for (const name of ['../v1', `v1;touch ${marker} $(touch ${marker})`]) {
      const r = await run([name]);
      expect([name, r.code, r.stderr]).toEqual([
        name,
        2,
        expect.stringMatching(/invalid model version name/),
      ]);
    }
    expect(existsSync(marker)).toBe(false);
    expect(await fs.readdir(store)).toEqual([]);
  }, 60_000);

  it.each([['--from-mlflow', 'v1'], ['v7']])(
    'when %s must come from MLflow and nothing listens on its port, then exit 4 saying MLflow is unreachable, store unchanged',
    async (...args) => {
      const uri = `http://127.0.0.1:${await closedPort()}`;
      const r = await run(args, { MLFLOW_TRACKING_URI: uri });
      expect([r.code, r.stdout, r.stderr]).toEqual([
        4,
        '',
        `update-models: cannot download ${args.at(-1)}: MLflow at ${uri} is unreachable (start it with npm run mlflow, or set MLFLOW_TRACKING_URI)\n`,
      ]);
      expect(await fs.readdir(store)).toEqual([]);
    },
    60_000,
  );

  it('when MODEL_SOURCE=registry, then --rollback is refused (exit 2), and a version is an alias move that needs MLflow (exit 4), store unchanged', async () => {
    const registry = {
      MODEL_SOURCE: 'registry',
      MLFLOW_TRACKING_URI: `http://127.0.0.1:${await closedPort()}`,
    };
    const rollback = await run(['--rollback'], registry);
    expect([rollback.code, rollback.stderr]).toEqual([
      2,
      expect.stringMatching(/roll back by naming the earlier version/),
    ]);
    const move = await run(['v1'], registry);
    expect([move.code, move.stderr]).toEqual([
      4,
      expect.stringMatching(/cannot move ring-counter@champion: MLflow at .* is unreachable/),
    ]);
    expect(await fs.readdir(store)).toEqual([]);
  }, 60_000);

  it('when promotions are killed -9 mid-way, then the old pointer stands, the next one recovers, and rollback works', async () => {
    const first = await run(['v1']);
    expect(first).toMatchObject({ code: 0, stdout: 'promoted v1 (from local; previous: none)\n' });
    expect(first.stderr).toMatch(
      /warning: MLflow alias champion not set: MLflow at http:\/\/127.0.0.1:9 is unreachable/,
    );
    for (const step of ['temp-copied', 'pointer-temp-written']) {
      const crashed = await run(['v2'], { RING_PROMOTE_CRASH_AT: step });
      expect([step, crashed.signal]).toEqual([step, 'SIGKILL']);
      expect((await readDeployedPointer(store))?.version).toBe('v1');
      expect(await fs.readdir(store)).toEqual(expect.arrayContaining(['.lock']));
    }
    expect((await run(['v2'])).code).toBe(0);
    expect((await fs.readdir(store)).sort()).toEqual(['deployed.json', 'v1', 'v2']);
    const rollback = await run(['--rollback', '--json']);
    expect(JSON.parse(rollback.stdout)).toMatchObject({ version: 'v1', previous: 'v2' });
  }, 120_000);
});
