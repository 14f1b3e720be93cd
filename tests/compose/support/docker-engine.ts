// A Docker engine for the compose test: the one already running, or dockerd
// started here (as root) and stopped again when the test ends.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../hostile/support/processes';

export interface DockerEngine {
  /** True when this test started dockerd (and so stops it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

const engineAnswers = async () =>
  (await run('docker', ['info', '--format', '{{.ServerVersion}}'])).code === 0;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Use the running engine, else start dockerd (its log in a temporary folder). */
export async function startDockerEngine(): Promise<DockerEngine> {
  if (await engineAnswers()) return { startedHere: false, stop: async () => {} };
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'ring-dockerd-')), 'dockerd.log');
  const log = openSync(logFile, 'a');
  const dockerd = spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const pid = dockerd.pid;
  if (pid === undefined)
    throw new Error('dockerd did not start: is docker.io installed (scripts/ensure-docker.sh)?');
  dockerd.unref();
  await waitFor(engineAnswers, 90_000, `dockerd (log: ${logFile})`);
  return {
    startedHere: true,
    stop: async () => {
      process.kill(pid, 'SIGTERM');
      await waitFor(async () => !alive(pid), 60_000, 'dockerd to stop');
    },
  };
}
