import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promoteVersion, rollbackVersion } from '@rings/ring-model';
import {
  makeTempDir,
  writeTinyModel,
  writeTinyModels,
} from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { createLogger } from '../logger';
import { createMetrics, type ApiMetrics } from '../metrics';
import { ModelRegistry } from './model-registry';

const blank = (size: number) => ({ size, pixels: new Float32Array(size * size) });

describe('ModelRegistry', () => {
  let root: string;
  let store: string;
  let metrics: ApiMetrics;
  let registry: ModelRegistry;

  beforeAll(async () => {
    root = await makeTempDir('registry-test');
    await writeTinyModels(path.join(root, 'sources'), [
      { version: 'v1' },
      { version: 'v2', favour: 2 },
      { version: 'nan', fault: 'nan-weights' },
    ]);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  beforeEach(async () => {
    store = await fs.mkdtemp(path.join(root, 'store-'));
    metrics = createMetrics();
    registry = new ModelRegistry({
      storeDir: store,
      pollMs: 0,
      batching: { maxBatchSize: 8, windowMs: 1, queueLimit: 100 },
      logger: createLogger({ level: 'silent' }),
      metrics,
    });
  });
  afterEach(() => registry.stop(1000));

  const promote = (version: string) =>
    promoteVersion({ storeDir: store, version, sourceDir: path.join(root, 'sources', version) });

  it('when nothing is deployed, then no lease and no pointer', async () => {
    await registry.start();
    expect(registry.lease()).toBeNull();
    expect(registry.status()).toEqual({ pointer: null, serving: null, refused: null, switches: [] });
  });

  it('when deployed.json changes, then sync switches to the new version', async () => {
    await promote('v1');
    await registry.start();
    expect(registry.status().serving?.version).toBe('v1');
    await promote('v2');
    await registry.sync();
    expect(registry.status()).toMatchObject({
      serving: { version: 'v2' },
      pointer: { version: 'v2', previous: 'v1' },
    });
    await rollbackVersion({ storeDir: store });
    await registry.sync();
    expect(registry.status().serving?.version).toBe('v1');
    expect(await metrics.modelSwaps.get()).toMatchObject({ values: [{ value: 2 }] });
  });

  it('when a request holds the old version during a switch, then it finishes on it and the old model is freed after', async () => {
    await promote('v1');
    await registry.start();
    const lease = registry.lease();
    await promote('v2');
    await registry.sync();
    expect(registry.lease()?.version).toBe('v2');
    expect(lease?.handle.isDisposed).toBe(false);
    const [prediction] = await Promise.all([lease!.handle.batcher.submit(blank(16))]);
    expect(prediction.probabilities).toHaveLength(4);
    lease!.release();
    expect(lease!.handle.isDisposed).toBe(true);
  });

  it('when the pointer names a version that predicts NaN, then it is refused and the old one keeps serving', async () => {
    await promote('v1');
    await registry.start();
    // Bypass promotion (which would refuse it too): a hand-made store entry and pointer.
    await writeTinyModel(path.join(store, 'v9'), { version: 'v9', fault: 'nan-weights' });
    const pointer = { version: 'v9', promoted_at: new Date().toISOString(), previous: 'v1' };
    await fs.writeFile(path.join(store, 'deployed.json'), JSON.stringify(pointer));
    await registry.sync();
    const status = registry.status();
    expect(status.serving?.version).toBe('v1');
    expect(status.refused).toMatchObject({
      version: 'v9',
      reason: expect.stringMatching(/finite probabilities/),
    });
    expect(await metrics.modelLoads.get()).toMatchObject({
      values: expect.arrayContaining([expect.objectContaining({ labels: { outcome: 'refused' }, value: 1 })]),
    });
  });

  it.each([
    ['is not JSON', '{"version":'],
    ['names a missing folder', JSON.stringify({ version: 'v7', promoted_at: new Date().toISOString() })],
    ['tries a traversal', JSON.stringify({ version: '../v1', promoted_at: new Date().toISOString() })],
  ])('when the pointer %s, then it is refused with a reason', async (_name, text) => {
    await promote('v1');
    await registry.start();
    await fs.writeFile(path.join(store, 'deployed.json'), text);
    await registry.sync();
    expect(registry.status().serving?.version).toBe('v1');
    expect(registry.status().refused?.reason).toEqual(expect.any(String));
  });

  it("when the versions are swapped 100 times, then the inference thread's tf.memory().numTensors stays flat", async () => {
    await promote('v1');
    await promote('v2');
    await registry.start();
    const counts: number[] = [];
    for (let i = 0; i < 100; i++) {
      const pointer = { version: i % 2 === 0 ? 'v1' : 'v2', promoted_at: new Date(i * 1000).toISOString() };
      await fs.writeFile(path.join(store, 'deployed.json'), JSON.stringify(pointer));
      await registry.sync();
      const lease = registry.lease()!;
      await lease.handle.batcher.submit(blank(16));
      lease.release();
      counts.push((await registry.tensorMemory()).numTensors);
    }
    expect(registry.status().serving?.version).toBe('v2');
    expect(new Set(counts.slice(1)).size).toBe(1);
  }, 60_000);

  it('when the inference thread dies, then the serving version is reloaded in a new thread', async () => {
    await promote('v1');
    await registry.start();
    const first = registry.inferenceThread!;
    const lease = registry.lease()!;
    await first.kill();
    await expect(lease.handle.batcher.submit(blank(16))).rejects.toMatchObject({ code: 'MODEL_NOT_READY' });
    lease.release();
    await registry.sync(); // queued behind the reload
    expect(registry.inferenceThread).not.toBe(first);
    expect(registry.status().serving?.version).toBe('v1');
    const again = registry.lease()!;
    expect((await again.handle.batcher.submit(blank(16))).probabilities).toHaveLength(4);
    again.release();
    expect(await metrics.inferenceThreadExits.get()).toMatchObject({ values: [{ value: 1 }] });
  });

  it('when the inference thread dies while a promotion is under way, then the promoted version serves in the end', async () => {
    await promote('v1');
    await registry.start();
    await promote('v2');
    // The fault, at a precise point: the real thread is stopped right after it is asked to load v2.
    const thread = registry.inferenceThread!;
    const call = thread.call.bind(thread);
    jest.spyOn(thread, 'call').mockImplementation((op, args, transfer) => {
      const answer = call(op, args, transfer);
      if (op === 'load') void thread.kill();
      return answer;
    });
    await registry.sync(); // the load of v2 fails with the thread
    await registry.sync(); // and the recovery the death queued has run
    expect(registry.inferenceThread).not.toBe(thread);
    expect(registry.status()).toMatchObject({ serving: { version: 'v2' }, refused: null });
  });

  it('when the inference thread keeps dying soon after each start, then after three reloads it is left stopped and the refusal says why', async () => {
    await promote('v1');
    await registry.start();
    for (let death = 1; death <= 4; death++) {
      await registry.sync(); // queued behind any reload
      expect(registry.status().serving?.version).toBe('v1');
      await registry.inferenceThread!.kill();
    }
    await registry.sync();
    expect(registry.status().serving).toBeNull();
    expect(registry.status().refused).toMatchObject({
      version: 'v1',
      reason: expect.stringMatching(/stopped 4 times in a row/),
    });
    expect(await metrics.inferenceThreadExits.get()).toMatchObject({ values: [{ value: 4 }] });
  });

  it('when the pointer changes and the registry follows by watch and poll, then it switches on its own', async () => {
    await promote('v1');
    const following = new ModelRegistry({
      storeDir: store,
      pollMs: 100,
      batching: { maxBatchSize: 8, windowMs: 1, queueLimit: 100 },
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
    });
    await following.start();
    await promote('v2');
    const deadline = Date.now() + 5000;
    while (following.status().serving?.version !== 'v2' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(following.status().serving?.version).toBe('v2');
    await following.stop(1000);
  });
});
