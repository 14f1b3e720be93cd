import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  answersOk,
  findFreePort,
  startProcess,
  waitUntilReady,
  type RunningProcess,
} from '@rings/child-process';
import { basicAuthSettings } from './basic-auth';
import { findMlflowExecutable } from './mlflow-executable';

/** Where and how to start the server. */
export interface MlflowServerOptions {
  /** holds mlflow.db, mlartifacts/, mlflow.log and mlflow.pid */
  dir: string;
  /** default: a free one */
  port?: number;
  /** how long it may take to become healthy (default 120 s) */
  timeoutMs?: number;
  /** keep it running after this process ends (stop it with stopMlflowServer) */
  outlive?: boolean;
  /** MLflow's basic-auth app: every client then needs credentials (user admin) */
  auth?: { adminPassword: string };
}

/** A healthy MLflow server. */
export interface MlflowServer {
  uri: string;
  pid: number;
  logFile: string;
  /** SIGTERM its process group (the server and its workers), SIGKILL after 10 s */
  stop(): Promise<void>;
}

/** The file that holds the server's process id, in its folder. */
export const pidFileIn = (dir: string): string => path.join(path.resolve(dir), 'mlflow.pid');

/** Resolve when GET <uri>/health answers 200; throws after timeoutMs, or when `server` ends first. */
export function waitForMlflow(uri: string, timeoutMs: number, server?: RunningProcess): Promise<void> {
  return waitUntilReady(() => answersOk(`${uri}/health`), {
    what: `the MLflow server at ${uri}`,
    timeoutMs,
    process: server,
  });
}

/** Start an MLflow server on 127.0.0.1 (sqlite store, proxied local artifacts) and wait until it is healthy. */
export async function startMlflowServer(options: MlflowServerOptions): Promise<MlflowServer> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const uri = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'mlflow.log');
  const auth = options.auth ? basicAuthSettings(dir, options.auth.adminPassword) : { args: [], env: {} };
  const server = startProcess({
    command: await findMlflowExecutable(),
    args: [...serverArgs(dir, port), ...auth.args],
    name: 'mlflow server',
    cwd: dir,
    // MLflow 3.x starts a pool of background job workers (huey) by default; the
    // tracking server needs none of them, and they halve its speed on 2 cores.
    env: { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', ...auth.env },
    output: { file: logFile },
    group: true, // stop() ends its gunicorn workers too
    outlive: options.outlive,
  });
  writeFileSync(pidFileIn(dir), `${server.pid}\n`);
  const stop = async (): Promise<void> => {
    await server.stop();
    rmSync(pidFileIn(dir), { force: true });
  };
  try {
    await waitForMlflow(uri, options.timeoutMs ?? 120_000, server);
  } catch (err) {
    await stop();
    throw err;
  }
  return { uri, pid: server.pid, logFile, stop };
}

function serverArgs(dir: string, port: number): string[] {
  return [
    ...['server', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'],
    ...['--backend-store-uri', `sqlite:///${path.join(dir, 'mlflow.db')}`],
    ...['--artifacts-destination', path.join(dir, 'mlartifacts')],
  ];
}
