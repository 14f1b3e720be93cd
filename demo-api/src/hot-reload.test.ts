// Promotion while requests flow, over a real port: no request may fail, and the
// API must end up serving what deployed.json names.
import path from 'node:path';
import { promoteVersion, readDeployedPointer, rollbackVersion } from '@rings/ring-model';
import { promises as fs } from 'node:fs';
import { makeTempDir, writeTinyModels } from '../../packages/ring-model/src/store/__tests__/tiny-model';
import { drawing } from './__tests__/images';
import { loadServerConfig } from './config';
import { createLogger } from './logger';
import { startServer, type RunningServer } from './server';

describe('hot reload under load', () => {
  let root: string;
  let store: string;
  let running: RunningServer;
  let png: Buffer;

  beforeAll(async () => {
    root = await makeTempDir('hot-reload');
    store = path.join(root, 'store');
    await writeTinyModels(path.join(root, 'sources'), [
      { version: 'v1' },
      { version: 'v2', favour: 1 },
      { version: 'v3', favour: 2 },
    ]);
    png = await drawing();
    await promote('v1');
    const config = loadServerConfig({
      NODE_ENV: 'test',
      MODEL_STORE_DIR: store,
      HOST: '127.0.0.1',
      PORT: '0',
      MODEL_POLL_MS: '100',
      RATE_LIMIT_PREDICT_PER_MINUTE: '0', // the load below is one client on purpose
    });
    running = await startServer(config, createLogger({ level: 'silent' }));
  });
  afterAll(async () => {
    await running.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  function promote(version: string) {
    return promoteVersion({ storeDir: store, version, sourceDir: path.join(root, 'sources', version) });
  }

  /** Keep `clients` request loops going until stop() resolves; returns every outcome. */
  function loadUntil(stop: Promise<unknown>, clients: number) {
    let done = false;
    void stop.finally(() => (done = true));
    const outcomes: { status: number; version?: string; error?: string }[] = [];
    const loop = async () => {
      while (!done) {
        const form = new FormData();
        form.append('image', new Blob([png], { type: 'image/png' }), 'molecule.png');
        try {
          const res = await fetch(`http://127.0.0.1:${running.port}/predict/`, {
            method: 'POST',
            body: form,
          });
          const body = (await res.json()) as { model_version?: string };
          outcomes.push({ status: res.status, version: body.model_version });
        } catch (err) {
          outcomes.push({ status: 0, error: (err as Error).message });
        }
      }
    };
    return Promise.all(Array.from({ length: clients }, loop)).then(() => outcomes);
  }

  async function waitForServing(version: string) {
    const deadline = Date.now() + 30_000;
    while (running.deps.registry.status().serving?.version !== version && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(running.deps.registry.status().serving?.version).toBe(version);
  }

  it('when versions are promoted and rolled back 4 times under load, then no request fails', async () => {
    const promotions = (async () => {
      await promote('v2');
      await waitForServing('v2');
      for (let i = 0; i < 3; i++) {
        const pointer = await rollbackVersion({ storeDir: store });
        await waitForServing(pointer.version);
      }
    })();
    const outcomes = await loadUntil(promotions, 4);
    await promotions;
    const failed = outcomes.filter((o) => o.status !== 200);
    expect(failed).toEqual([]);
    expect(new Set(outcomes.map((o) => o.version))).toEqual(new Set(['v1', 'v2']));
    expect(outcomes.length).toBeGreaterThan(10);
  }, 150_000);

  it('when two promotions race under load, then both serialize and the API serves what the pointer names', async () => {
    const both = Promise.all([promote('v3'), promote('v1')]);
    const outcomes = await loadUntil(both, 4);
    const pointer = await readDeployedPointer(store);
    expect(['v1', 'v3']).toContain(pointer?.version);
    await waitForServing(pointer!.version);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
  }, 150_000);
});
