import path from 'node:path';
import { z } from 'zod';
import { PEERS_DIR, REPO_ROOT } from './paths';
import { runJsonProcess, runProcess, type RunOptions } from './processes';

let pythonPath: Promise<string> | undefined;

/** The Python of the peers' virtual environment (made once per machine by scripts/python-env.sh bench). */
export function peerPython(): Promise<string> {
  pythonPath ??= runProcess('bash', [path.join(REPO_ROOT, 'scripts', 'python-env.sh'), 'bench'], {
    failure: 'SETUP_FAILED',
    timeoutMs: 30 * 60_000,
  }).then((venv) => path.join(venv.trim(), 'bin', 'python'));
  return pythonPath;
}

/** The environment the peers run with: quiet TensorFlow, peers importable. */
export function peerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CPP_MIN_LOG_LEVEL: '2',
    // the same kernels as our side (packages/ring-model/src/tensorflow.ts)
    TF_ENABLE_ONEDNN_OPTS: process.env.TF_ENABLE_ONEDNN_OPTS ?? '0',
    PYTHONPATH: PEERS_DIR,
    PYTHONUNBUFFERED: '1',
    ...extra,
  };
}

/** Run a peer script from bench/peers; its last stdout line is JSON validated by schema. */
export async function runPeer<S extends z.ZodType>(
  script: string,
  args: string[],
  schema: S,
  options: RunOptions = {},
): Promise<z.infer<S>> {
  return runJsonProcess(await peerPython(), [path.join(PEERS_DIR, script), ...args], schema, {
    cwd: REPO_ROOT,
    env: peerEnv(options.env),
    failure: 'PEER_FAILED',
    ...options,
  });
}

const versionsSchema = z.record(z.string(), z.string());

/** Versions of the peers' stack (python, tensorflow-cpu, keras, fastapi, ...). */
export function peerVersions(): Promise<Record<string, string>> {
  return runPeer('versions.py', [], versionsSchema);
}
