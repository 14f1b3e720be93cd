// The real API (startServer: the same server main.ts runs) on 127.0.0.1 and a
// free port, over a temporary store holding tiny real models.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promoteVersion } from '@rings/ring-model';
import {
  makeTempDir,
  writeTinyModels,
  type TinyModelOptions,
} from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { loadServerConfig } from '../../../demo-api/src/config';
import { createLogger } from '../../../demo-api/src/logger';
import { startServer, type RunningServer } from '../../../demo-api/src/server';

export interface HostileApi {
  running: RunningServer;
  port: number;
  url: string;
  root: string;
  store: string;
  sources: string;
  /** Stop the server and remove the temporary folders. */
  close(): Promise<void>;
}

export interface HostileApiOptions {
  /** Tiny models written under sources/ (default v1 and v2). */
  models?: TinyModelOptions[];
  /** Promoted before the server starts (default v1; null: nothing). */
  deploy?: string | null;
  env?: Record<string, string>;
  /** Use this folder as root instead of a new temporary one. */
  root?: string;
  /** The store folder (default <root>/store). */
  store?: string;
}

/** Write sources, promote, start the server. */
export async function startHostileApi(options: HostileApiOptions = {}): Promise<HostileApi> {
  const root = options.root ?? (await makeTempDir('hostile-api'));
  const sources = path.join(root, 'sources');
  const store = options.store ?? path.join(root, 'store');
  await writeTinyModels(sources, options.models ?? [{ version: 'v1' }, { version: 'v2', favour: 2 }]);
  const deploy = options.deploy === undefined ? 'v1' : options.deploy;
  if (deploy)
    await promoteVersion({ storeDir: store, version: deploy, sourceDir: path.join(sources, deploy) });
  return startOnStore(root, store, sources, options.env);
}

/** Start the server over an existing store (restarts). */
export async function startOnStore(
  root: string,
  store: string,
  sources: string,
  env: Record<string, string> = {},
): Promise<HostileApi> {
  const config = loadServerConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    MODEL_STORE_DIR: store,
    MODEL_POLL_MS: '100',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
  const running = await startServer(config, createLogger({ level: config.LOG_LEVEL }));
  return {
    running,
    port: running.port,
    url: `http://127.0.0.1:${running.port}`,
    root,
    store,
    sources,
    close: async () => {
      await running.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
