#!/usr/bin/env node
// Start, check and stop a local MLflow tracking server: the pinned MLflow from
// the project's virtual environment, on 127.0.0.1, an sqlite backend store and
// proxied local artifacts. Used by jest's global setup, the demo and by hand:
//
//   node scripts/mlflow-server.js start [--port 5000] [--dir .mlflow] [--auth]
//
// --auth: MLflow's basic-auth app (user admin, password from
// MLFLOW_AUTH_ADMIN_PASSWORD; clients then need MLFLOW_TRACKING_USERNAME and
// MLFLOW_TRACKING_PASSWORD).
//   node scripts/mlflow-server.js stop  [--dir .mlflow]
//   node scripts/mlflow-server.js status [--port 5000]
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Ask the OS for a free TCP port on 127.0.0.1. */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolve when GET <uri>/health answers 200, or reject after timeoutMs. */
async function waitForHealth(uri, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`the MLflow server exited with code ${child.exitCode} before it was healthy`);
    }
    try {
      const res = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the MLflow server at ${uri} was not healthy within ${timeoutMs / 1000} s`);
}

/** The mlflow executable of the project's environment, created when missing. */
function mlflowExecutable() {
  const venv = execFileSync('bash', [path.join(root, 'scripts/python-env.sh'), 'mlflow'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return path.join(venv, 'bin', 'mlflow');
}

/**
 * The basic-auth app's settings: its user store in dir, the admin's password
 * (used when the store is made) and a fresh Flask secret key.
 * @returns {{args: string[], env: Record<string, string>}}
 */
function basicAuthSettings(dir, adminPassword) {
  const config = path.join(dir, 'basic_auth.ini');
  const lines = [
    '[mlflow]',
    'default_permission = READ',
    `database_uri = sqlite:///${path.join(dir, 'basic_auth.db')}`,
    'admin_username = admin',
    'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
  ];
  fs.writeFileSync(config, `${lines.join('\n')}\n`);
  return {
    args: ['--app-name', 'basic-auth'],
    env: {
      MLFLOW_AUTH_CONFIG_PATH: config,
      MLFLOW_AUTH_ADMIN_PASSWORD: adminPassword,
      MLFLOW_FLASK_SERVER_SECRET_KEY: randomBytes(32).toString('hex'),
    },
  };
}

/**
 * Start an MLflow server and wait until it is healthy.
 * @param {{port?: number, dir: string, timeoutMs?: number, detached?: boolean, auth?: {adminPassword: string}}} options
 *   dir holds mlflow.db, mlartifacts/, mlflow.log and mlflow.pid; with auth,
 *   the basic-auth app asks every client for credentials (user admin).
 * @returns {Promise<{uri: string, pid: number, logFile: string, stop: () => Promise<void>}>}
 */
async function startMlflowServer(options) {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const uri = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'mlflow.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    'server',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--workers',
    '1',
    '--backend-store-uri',
    `sqlite:///${path.join(dir, 'mlflow.db')}`,
    '--artifacts-destination',
    path.join(dir, 'mlartifacts'),
  ];
  const auth = options.auth ? basicAuthSettings(dir, options.auth.adminPassword) : { args: [], env: {} };
  args.push(...auth.args);
  const child = spawn(mlflowExecutable(), args, {
    cwd: dir,
    stdio: ['ignore', log, log],
    detached: true, // its own process group, so stop() ends the workers too
    // MLflow 3.x starts a pool of background job workers (huey) by default; the
    // tracking server needs none of them, and they halve its speed on 2 cores.
    env: { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', ...auth.env },
  });
  fs.closeSync(log);
  if (options.detached) child.unref();
  fs.writeFileSync(path.join(dir, 'mlflow.pid'), `${child.pid}\n`);
  try {
    await waitForHealth(uri, options.timeoutMs ?? 120_000, child);
  } catch (err) {
    killGroup(child.pid);
    throw new Error(`${err.message}; see ${logFile}`);
  }
  const stop = () => stopProcessGroup(child.pid, path.join(dir, 'mlflow.pid'));
  return { uri, pid: child.pid, logFile, stop };
}

function killGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the server's process group, then SIGKILL after 10 s. */
async function stopProcessGroup(pid, pidFile) {
  if (killGroup(pid)) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && killGroup(pid, 0)) await new Promise((r) => setTimeout(r, 100));
    killGroup(pid, 'SIGKILL');
  }
  if (pidFile) fs.rmSync(pidFile, { force: true });
}

function parseFlags(argv) {
  const flags = { port: undefined, dir: path.join(root, '.mlflow'), auth: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--port') flags.port = Number(argv[++i]);
    else if (argv[i] === '--dir') flags.dir = path.resolve(argv[++i]);
    else if (argv[i] === '--auth') flags.auth = true;
    else throw new Error(`unknown flag ${argv[i]} (known: --port N, --dir PATH, --auth)`);
  }
  return flags;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const flags = parseFlags(rest);
  const pidFile = path.join(flags.dir, 'mlflow.pid');
  if (command === 'start') {
    const adminPassword = process.env.MLFLOW_AUTH_ADMIN_PASSWORD;
    if (flags.auth && !adminPassword)
      throw new Error('--auth needs MLFLOW_AUTH_ADMIN_PASSWORD (the admin password)');
    const auth = flags.auth ? { adminPassword } : undefined;
    const server = await startMlflowServer({
      port: flags.port ?? 5000,
      dir: flags.dir,
      detached: true,
      auth,
    });
    console.log(`MLflow is up at ${server.uri} (pid ${server.pid}, log ${server.logFile})`);
  } else if (command === 'stop') {
    if (!fs.existsSync(pidFile)) return console.log('no MLflow server started from this folder');
    await stopProcessGroup(Number(fs.readFileSync(pidFile, 'utf8')), pidFile);
    console.log('MLflow stopped');
  } else if (command === 'status') {
    const uri = `http://127.0.0.1:${flags.port ?? 5000}`;
    await waitForHealth(uri, 1000);
    console.log(`MLflow is healthy at ${uri}`);
  } else {
    console.error('usage: mlflow-server.js start|stop|status [--port N] [--dir PATH] [--auth]');
    process.exitCode = 2;
  }
}

module.exports = { startMlflowServer, waitForHealth, findFreePort };

if (require.main === module) {
  main().catch((err) => {
    console.error(`[mlflow-server] ${err.message}`);
    process.exitCode = 1;
  });
}
