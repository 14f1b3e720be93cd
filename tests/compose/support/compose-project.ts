// A compose project of its own for the test: a copy of the clone (tracked and
// unignored files, as a fresh clone has them) owned by a given user, a unique
// project name, ports on 127.0.0.1 picked free, and docker-compose run in it.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '@rings/child-process';
import { REPO, run, type Finished } from '../../hostile/support/processes';

export interface ComposeProject {
  dir: string;
  name: string;
  ports: { api: number; mlflow: number; jupyter: number; prometheus: number };
  env: Record<string, string>;
  /** docker-compose with this project's name and ports; throws with its output on failure. */
  compose(args: string[], timeoutMs?: number): Promise<Finished>;
  /** A command in the project folder with this project's environment; throws on failure. */
  exec(
    command: string,
    args: string[],
    options?: { env?: Record<string, string>; timeoutMs?: number },
  ): Promise<Finished>;
}

/** Copy what a fresh clone holds, plus this machine's CA bundle for the builds (docker/ca/README.md). */
function copyClone(owner: { uid: number; gid: number }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ring-compose-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: REPO,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(path.join(REPO, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(REPO, file), path.join(dir, file), { verbatimSymlinks: true });
  }
  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  if (existsSync(bundle)) cpSync(bundle, path.join(dir, 'docker/ca/machine-bundle.crt'));
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);
  return dir;
}

async function checked(finished: Promise<Finished>, what: string): Promise<Finished> {
  const result = await finished;
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${result.code}, ${result.signal ?? 'no signal'}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** A new project copy owned by `owner`, with free ports. */
export async function createComposeProject(owner: { uid: number; gid: number }): Promise<ComposeProject> {
  const dir = copyClone(owner);
  const name = `ringe2e${process.pid}`;
  const ports = {
    api: await findFreePort(),
    mlflow: await findFreePort(),
    jupyter: await findFreePort(),
    prometheus: await findFreePort(),
  };
  const env = {
    COMPOSE_PROJECT_NAME: name,
    RING_BIND_ADDRESS: '127.0.0.1',
    API_PORT: String(ports.api),
    MLFLOW_PORT: String(ports.mlflow),
    JUPYTER_PORT: String(ports.jupyter),
    PROMETHEUS_PORT: String(ports.prometheus),
    JUPYTER_TOKEN: `e2e-${process.pid}`,
    // one load generator's address stands in for many clients
    RATE_LIMIT_PREDICT_PER_MINUTE: '0',
    RATE_LIMIT_FEEDBACK_PER_MINUTE: '0',
    OPERATIONS_TOKEN: randomBytes(24).toString('hex'),
    FEEDBACK_TOKEN: randomBytes(24).toString('hex'),
  };
  const exec: ComposeProject['exec'] = (command, args, options = {}) =>
    checked(
      run(command, args, {
        cwd: dir,
        env: { ...env, ...options.env },
        timeoutMs: options.timeoutMs ?? 600_000,
      }),
      `${command} ${args.join(' ')}`,
    );
  return {
    dir,
    name,
    ports,
    env,
    exec,
    compose: (args, timeoutMs) => exec('docker-compose', args, { timeoutMs }),
  };
}

/** Wait until every named service's container reports healthy. */
export async function waitHealthy(
  project: ComposeProject,
  services: string[],
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const service of services) {
    for (;;) {
      const id = (await project.compose(['ps', '-q', service])).stdout.trim();
      const status = id
        ? (await run('docker', ['inspect', '-f', '{{.State.Health.Status}}', id])).stdout.trim()
        : '';
      if (status === 'healthy') break;
      if (Date.now() > deadline) {
        const logs = await run('docker-compose', ['logs', '--tail=40', service], {
          cwd: project.dir,
          env: project.env,
        });
        throw new Error(
          `${service} is not healthy after ${timeoutMs} ms (status '${status}'):\n${logs.stdout}`,
        );
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
