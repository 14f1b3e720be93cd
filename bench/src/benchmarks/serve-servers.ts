import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '@rings/child-process';
import { BenchError } from '../errors';
import { PEERS_DIR, REPO_ROOT } from '../paths';
import { startServer, type Server } from '../processes';
import { peerEnv, peerPython } from '../python';

const API_MAIN = path.join(REPO_ROOT, 'demo-api', 'dist', 'main.js');

/**
 * Our API (demo-api's server main) on a model store, production settings without
 * the per-IP rate limit unless `overrides` says otherwise, ready when /readyz says so.
 */
export async function startOurApi(storeDir: string, overrides: Record<string, string> = {}): Promise<Server> {
  if (!existsSync(API_MAIN)) {
    throw new BenchError(
      'NOT_BUILT',
      `not built yet: ${path.relative(REPO_ROOT, API_MAIN)} is missing (issue 6)`,
    );
  }
  const port = await findFreePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MODEL_STORE_DIR: storeDir,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // The load comes from one address standing in for many clients; the peer has no limit either.
    RATE_LIMIT_PREDICT_PER_MINUTE: '0',
    ...overrides,
  };
  return startServer(process.execPath, [API_MAIN], {
    env,
    url: `http://127.0.0.1:${port}`,
    readyPath: '/readyz',
    name: 'demo-api',
  });
}

/** Peer settings: one uvicorn worker per core; TensorFlow threads at its default (0: one per core), which measured best. */
export const PEER_WORKERS = os.cpus().length;
export const PEER_TF_THREADS = 0;

/** The FastAPI + Keras peer under uvicorn (uvloop, httptools, no access log), every worker loaded. */
export async function startPeerApi(
  specFile: string,
  { workers = PEER_WORKERS, threads = PEER_TF_THREADS } = {},
): Promise<Server> {
  const port = await findFreePort();
  const args = ['-m', 'uvicorn', 'serve_fastapi:app', '--app-dir', PEERS_DIR, '--host', '127.0.0.1'];
  args.push(
    '--port',
    String(port),
    '--workers',
    String(PEER_WORKERS),
    '--log-level',
    'warning',
    '--no-access-log',
  );
  const server = await startServer(await peerPython(), args, {
    cwd: PEERS_DIR,
    env: peerEnv({ PEER_SERVE_SPEC: specFile, PEER_TF_THREADS: String(threads) }),
    url: `http://127.0.0.1:${port}`,
    readyPath: '/healthz',
    name: 'FastAPI peer',
    failure: 'PEER_FAILED',
  });
  await waitForWorkers(server.url, workers);
  return server;
}

/** Every uvicorn worker imports TensorFlow and the model; wait until each has answered. */
async function waitForWorkers(url: string, workers: number): Promise<void> {
  const seen = new Set<number>();
  const deadline = Date.now() + 300_000;
  while (seen.size < workers && Date.now() < deadline) {
    const res = await fetch(`${url}/healthz`, { headers: { connection: 'close' } }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { pid?: number } | null;
    if (typeof body?.pid === 'number') seen.add(body.pid);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (seen.size < workers) {
    throw new BenchError(
      'PEER_FAILED',
      `only ${seen.size} of ${workers} uvicorn workers answered in 5 minutes`,
    );
  }
}
