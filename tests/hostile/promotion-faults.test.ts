// Promotion under faults, while a real API serves the store: update-models is
// killed (SIGKILL) at every step, the store is made read-only, then full. The
// store must stay consistent, the API must keep answering with a valid version,
// and the next promotion must recover. Then the API restarts over a corrupt
// deployed.json and over a pointer to a missing version.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PROMOTION_STEPS, readDeployedPointer } from '@rings/ring-model';
import { makeTempDir } from '../../packages/ring-model/src/store/__tests__/tiny-model';
import { startHostileApi, startOnStore, type HostileApi } from './support/api-server';
import { recordFigures } from './support/figures';
import { sampleImages } from './support/images';
import { REPO, run, type Finished } from './support/processes';
import { httpRequest, multipartBody, sendRaw } from './support/raw-http';
import { assertStoreConsistent } from './support/store-check';
import { snapshotTree } from './support/tree-snapshot';
import { fullVolume, readOnlyCommand, readOnlyKind } from './support/volumes';

jest.setTimeout(300_000);

const VERSIONS = ['v1', ...PROMOTION_STEPS.map((_, i) => `v${i + 2}`), 'v9', 'v10', 'v11'];

describe('promotion under faults while the API serves', () => {
  let api: HostileApi;
  let png: Buffer;
  let volume: Awaited<ReturnType<typeof fullVolume>>;
  const figures = { faults: 0, requests: 0, failedAnswers: [] as string[], lost: 0 };
  let probing = true;
  let prober: Promise<void>;

  const predict = async () => {
    const boundary = 'probe';
    const body = multipartBody([{ name: 'image', filename: 'ring.png', body: png }], boundary);
    const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const answer = await sendRaw(api.port, { bytes: httpRequest('POST', '/predict/', headers, body) });
    figures.requests += 1;
    return answer;
  };

  const updateModels = (
    args: string[],
    env: Record<string, string> = {},
    full = false,
  ): Promise<Finished> => {
    const plain = { command: 'bash', args: [path.join(REPO, 'update-models.sh'), ...args] };
    const cmd = full ? volume.wrap(plain.command, plain.args) : plain;
    return run(cmd.command, cmd.args, {
      env: {
        MODEL_STORE_DIR: api.store,
        MODEL_SOURCE_DIR: api.sources,
        MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
        ...env,
      },
    });
  };

  /** The version the API answers with once it has caught up with deployed.json. */
  const servedVersion = async (expected: string): Promise<string> => {
    let version = '';
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const answer = await predict();
      version =
        answer.status === 200
          ? (JSON.parse(answer.body) as { model_version: string }).model_version
          : `status ${answer.status}`;
      if (version === expected) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return version;
  };

  beforeAll(async () => {
    png = (await sampleImages()).png[1];
    const root = await makeTempDir('hostile-promotion');
    volume = await fullVolume(path.join(root, 'volume'));
    api = await startHostileApi({
      root,
      models: VERSIONS.map((version, i) => ({ version, favour: i % 4 })),
      store: path.join(volume.dir, 'store'),
      env: { RATE_LIMIT_PREDICT_PER_MINUTE: '0' },
    });
    // Clients keep asking throughout; every answer must be a prediction by a stored version.
    prober = (async () => {
      while (probing) {
        const answer = await predict();
        if (answer.status !== 200)
          figures.failedAnswers.push(`${answer.status ?? answer.error}: ${answer.body.slice(0, 120)}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
  });
  afterAll(async () => {
    probing = false;
    await prober;
    // The volume is unmounted before its folder is removed.
    await api?.running.close();
    await volume?.release();
    if (api) await fs.rm(api.root, { recursive: true, force: true });
    recordFigures('promotion-faults', {
      requests: figures.requests,
      faults: figures.faults,
      lost: figures.lost,
      crashes: figures.failedAnswers.filter((a) => a.startsWith('ECONNREFUSED')).length,
      details: {
        failedAnswers: figures.failedAnswers.length,
        volume: volume?.kind,
        readOnly: readOnlyKind(),
      },
    });
  });

  it('when update-models is killed -9 at each step, then the store stays consistent and the API serves the pointer', async () => {
    const seen: string[][] = [];
    let stored = (await assertStoreConsistent(api.store)).stored;
    for (const [i, step] of PROMOTION_STEPS.entries()) {
      const version = `v${i + 2}`;
      const before = (await readDeployedPointer(api.store))?.version;
      const crashed = await updateModels([version], { RING_PROMOTE_CRASH_AT: step });
      figures.faults += 1;
      const pointer = await assertStoreConsistent(api.store);
      figures.lost += stored.filter((v) => !pointer.stored.includes(v)).length;
      stored = pointer.stored;
      const switched = PROMOTION_STEPS.indexOf(step) >= PROMOTION_STEPS.indexOf('pointer-switched');
      seen.push([step, String(crashed.signal), pointer.version, await servedVersion(pointer.version)]);
      expect(seen.at(-1)).toEqual([
        step,
        'SIGKILL',
        switched ? version : before,
        switched ? version : before,
      ]);
    }
    // The next promotion takes over the dead lock, sweeps the debris and completes.
    const recovered = await updateModels(['v9']);
    expect([recovered.code, recovered.stderr]).toEqual([0, expect.not.stringMatching(/error/i)]);
    expect((await fs.readdir(api.store)).filter((e) => e.startsWith('.tmp') || e === '.lock')).toEqual([]);
    expect((await assertStoreConsistent(api.store)).version).toBe('v9');
    expect(await servedVersion('v9')).toBe('v9');
    expect(figures.lost).toBe(0);
  });

  it('when the store is read-only, then the promotion fails clearly and the old version keeps serving', async () => {
    const before = await snapshotTree(api.store, [path.join(api.store, '.monitoring')]);
    const command = await readOnlyCommand(api.store, [path.join(REPO, 'update-models.sh'), 'v10']);
    const result = await run(command.command, command.args, {
      env: {
        MODEL_STORE_DIR: api.store,
        MODEL_SOURCE_DIR: api.sources,
        MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
      },
    });
    await command.restore();
    figures.faults += 1;
    expect([result.code, result.stderr]).toEqual([
      1,
      expect.stringMatching(/read-only file system|EROFS|EACCES|permission denied/i),
    ]);
    expect(await snapshotTree(api.store, [path.join(api.store, '.monitoring')])).toEqual(before);
    expect(await servedVersion('v9')).toBe('v9');
  });

  it('when the store volume is full, then the promotion fails clearly, leaves no debris, and the old version keeps serving', async () => {
    await volume.fill();
    const result = await updateModels(['v10'], {}, true);
    figures.faults += 1;
    await volume.drain();
    expect([result.code, result.stderr]).toEqual([
      1,
      expect.stringMatching(/ENOSPC|no space left|EFBIG|file too large/i),
    ]);
    expect((await assertStoreConsistent(api.store)).version).toBe('v9');
    expect((await fs.readdir(api.store)).filter((e) => e.startsWith('.tmp') || e === '.lock')).toEqual([]);
    expect(await servedVersion('v9')).toBe('v9');
    // Once there is room again, the same promotion works.
    expect((await updateModels(['v10'])).code).toBe(0);
    expect(await servedVersion('v10')).toBe('v10');
  });

  it('when all that happened, then the clients asking all along got a prediction every time', async () => {
    probing = false;
    await prober;
    expect(figures.failedAnswers).toEqual([]);
    expect(figures.requests).toBeGreaterThan(20);
  });

  it('when the API restarts over a corrupt deployed.json or a missing version, then it is live but not ready, says why, and recovers on promotion', async () => {
    const { root, store, sources } = api;
    await api.running.close();
    const readiness = async () => {
      const ready = await sendRaw(api.port, { bytes: httpRequest('GET', '/readyz', {}) });
      const live = await sendRaw(api.port, { bytes: httpRequest('GET', '/healthz', {}) });
      const answer = await predict();
      return [
        live.status,
        ready.status,
        (JSON.parse(ready.body) as { error?: { message: string } }).error?.message,
        answer.status,
      ];
    };
    const restart = async () => {
      api = await startOnStore(root, store, sources, { RATE_LIMIT_PREDICT_PER_MINUTE: '0' });
      figures.faults += 1;
    };

    await fs.writeFile(path.join(store, 'deployed.json'), '{"version": "v10", "promoted_at": ');
    await restart();
    expect(await readiness()).toEqual([200, 503, expect.stringMatching(/deployed\.json.*not JSON/), 503]);
    expect((await updateModels(['v9'])).code).toBe(0);
    expect(await servedVersion('v9')).toBe('v9');
    await api.running.close();

    await fs.rm(path.join(store, 'v9'), { recursive: true });
    await restart();
    expect(await readiness()).toEqual([200, 503, expect.stringMatching(/version v9 was refused/), 503]);
    expect((await updateModels(['v10'])).code).toBe(0);
    expect(await servedVersion('v10')).toBe('v10');
  });
});
