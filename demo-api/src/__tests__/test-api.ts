// A real app over a temporary model store of tiny real models, for the route tests.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { promoteVersion } from '@rings/ring-model';
import {
  makeTempDir,
  writeTinyModels,
  type TinyModelOptions,
} from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { createApp } from '../app';
import { loadServerConfig, type ServerConfig } from '../config';
import type { AppDeps } from '../deps';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import { createModelRegistry } from '../server';

export interface TestApi {
  app: Express;
  deps: AppDeps;
  store: string;
  sources: string;
  /** Promote a source version (written at creation) and wait until the API serves it. */
  promote(version: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Tiny models written as sources (default v1 and v2). */
  models?: TinyModelOptions[];
  /** Promoted before the app starts (default v1; null: nothing deployed). */
  deploy?: string | null;
  env?: Record<string, string>;
  observer?: AppDeps['observer'];
}

/** Build the app around a fresh temporary store; close() removes everything. */
export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const root = await makeTempDir('demo-api-test');
  const sources = path.join(root, 'sources');
  const store = path.join(root, 'store');
  await writeTinyModels(sources, options.models ?? [{ version: 'v1' }, { version: 'v2', favour: 2 }]);
  const config: ServerConfig = loadServerConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MODEL_STORE_DIR: store,
    ...options.env,
  });
  const logger = createLogger({ level: config.LOG_LEVEL });
  const metrics = createMetrics();
  const registry = createModelRegistry(config, logger, metrics, 0); // tests call registry.sync()
  const promote = async (version: string) => {
    await promoteVersion({ storeDir: store, version, sourceDir: path.join(sources, version) });
    await registry.sync();
  };
  const deploy = options.deploy === undefined ? 'v1' : options.deploy;
  if (deploy)
    await promoteVersion({ storeDir: store, version: deploy, sourceDir: path.join(sources, deploy) });
  await registry.start();
  const deps: AppDeps = { config, logger, metrics, registry, observer: options.observer };
  return {
    app: createApp(deps),
    deps,
    store,
    sources,
    promote,
    close: async () => {
      await registry.stop(1000);
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
