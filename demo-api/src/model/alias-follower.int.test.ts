// MODEL_SOURCE=registry against the real MLflow server jest starts: two API
// servers with empty stores of their own (two hosts) serve what the champion
// alias names, and follow it when update-models moves it. Needs the build
// (the deploy runs the built update-models), as npm test does first.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { loadPromoteConfig, loadServerConfig } from '../config';
import { createLogger } from '../logger';
import { startServer, type RunningServer } from '../server';
import { testRegistry } from '../update-models/__tests__/registry';
import { createRegistrySource } from '../update-models/mlflow-source';
import { moveAliasCommand } from '../update-models/move-alias-command';
import type { CommandContext } from '../update-models/promote-command';

async function servedVersion(server: RunningServer): Promise<string | null> {
  const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
  const body = (await res.json()) as { model_version?: string };
  return res.status === 200 ? (body.model_version ?? null) : null;
}

async function waitServing(servers: RunningServer[], version: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const versions = await Promise.all(servers.map(servedVersion));
    if (versions.every((v) => v === version)) return;
    if (Date.now() > deadline) throw new Error(`replicas serve ${versions.join(', ')}, not ${version}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('API replicas following the registry alias', () => {
  let root: string;
  let registry: ReturnType<typeof testRegistry>;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    root = await makeTempDir('alias-follower');
    registry = testRegistry(root);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await fs.rm(root, { recursive: true, force: true });
  });

  function startReplica(name: string) {
    const config = loadServerConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      MODEL_SOURCE: 'registry',
      MODEL_NAME: registry.modelName,
      MODEL_STORE_DIR: path.join(root, name),
      REGISTRY_POLL_MS: '300',
      MODEL_POLL_MS: '100',
    });
    return startServer(config, createLogger({ level: 'silent' }));
  }

  it('when replicas start with empty stores and the alias set, then each downloads, verifies and serves that version', async () => {
    await registry.register('v1');
    await registry.register('v2', { favour: 2 });
    const ctx: CommandContext = {
      config: loadPromoteConfig({ MODEL_SOURCE: 'registry', MODEL_NAME: registry.modelName }),
      registry: createRegistrySource(registry.modelName),
      onStep: () => undefined,
      warn: () => undefined,
    };
    expect(await moveAliasCommand('v1', ctx)).toMatchObject({ version: 'v1', previous: null, moved: true });
    servers.push(await startReplica('host-a'), await startReplica('host-b'));
    expect(await Promise.all(servers.map(servedVersion))).toEqual(['v1', 'v1']);
    for (const host of ['host-a', 'host-b']) {
      const deployed = JSON.parse(await fs.readFile(path.join(root, host, 'deployed.json'), 'utf8'));
      expect(deployed.version).toBe('v1');
    }

    const started = Date.now();
    expect(await moveAliasCommand('v2', ctx)).toMatchObject({ version: 'v2', previous: 'v1', moved: true });
    await waitServing(servers, 'v2');
    console.log(`registry mode: 2 replicas serve v2 ${Date.now() - started} ms after the alias moved`);
  }, 180_000);

  it('when a registry version does not match the sha256 recorded for it, then no replica serves it and v2 stays', async () => {
    await registry.register('v3', { tags: { 'ring.sha256.weights.bin': '0'.repeat(64) } });
    await registry.client.registry.setAlias(registry.modelName, 'champion', '3');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await Promise.all(servers.map(servedVersion))).toEqual(['v2', 'v2']);
  }, 60_000);
});
