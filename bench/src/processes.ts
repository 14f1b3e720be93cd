import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { z } from 'zod';
import { BenchError, type BenchErrorCode } from './errors';

/** How to run a child process. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** killed after this long (default 15 minutes) */
  timeoutMs?: number;
  /** the error code when it fails (default RUN_FAILED) */
  failure?: BenchErrorCode;
}

/** Last lines of a process's output, for error messages. */
function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** Run a command to completion; throws BenchError with the tail of stderr when it fails. */
export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
    child.on('error', (err) =>
      reject(new BenchError(options.failure ?? 'RUN_FAILED', `${command} could not start: ${err.message}`)),
    );
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      reject(
        new BenchError(
          options.failure ?? 'RUN_FAILED',
          `${command} ${args.join(' ')} ${how}:\n${tail(stderr || stdout)}`,
        ),
      );
    });
  });
}

/** Run a command whose last stdout line is a JSON report, and validate it. */
export async function runJsonProcess<S extends z.ZodType>(
  command: string,
  args: string[],
  schema: S,
  options: RunOptions = {},
): Promise<z.infer<S>> {
  const stdout = await runProcess(command, args, options);
  const last = stdout.trim().split('\n').pop() ?? '';
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch {
    throw new BenchError(
      options.failure ?? 'RUN_FAILED',
      `${command} did not end with a JSON line:\n${tail(stdout)}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new BenchError(options.failure ?? 'RUN_FAILED', `${command} reported:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A running server under test. */
export interface Server {
  pid: number;
  url: string;
  /** resident memory of the process and its children, MiB */
  rssMiB(): Promise<number>;
  /** the last lines it printed, and how it ended if it did (for failure notes) */
  describe(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Start a server and wait until GET readyPath answers 200; throws with its output if it dies first. */
export async function startServer(
  command: string,
  args: string[],
  options: RunOptions & { url: string; readyPath: string; name: string },
): Promise<Server> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (d: Buffer): void => void (output = (output + d.toString()).slice(-20000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      throw new BenchError(
        options.failure ?? 'RUN_FAILED',
        `${options.name} exited during start-up:\n${tail(output)}`,
      );
    }
    if (await answers(options.url + options.readyPath)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new BenchError(
        options.failure ?? 'RUN_FAILED',
        `${options.name} was not ready in time:\n${tail(output)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid ?? 0;
  const describe = (): string => {
    const ended = child.exitCode ?? child.signalCode;
    return `${ended === null ? 'running' : `ended (${ended})`}; last output: ${tail(output, 5) || '(none)'}`;
  };
  return { pid, url: options.url, rssMiB: () => treeRssMiB(pid), describe, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Resident memory (VmRSS) of a process and all its descendants, in MiB. */
export async function treeRssMiB(pid: number): Promise<number> {
  let kib = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    try {
      const status = await fs.readFile(`/proc/${p}/status`, 'utf8');
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = await fs.readFile(`/proc/${p}/task/${p}/children`, 'utf8');
      stack.push(...children.trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the process ended meanwhile: it holds no memory
    }
  }
  return kib / 1024;
}
