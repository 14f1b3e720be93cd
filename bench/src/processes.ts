import { promises as fs } from 'node:fs';
import {
  answersOk,
  ChildProcessError,
  runProcess as runChild,
  startProcess,
  waitUntilReady,
} from '@rings/child-process';
import { formatZodIssues } from '@rings/ring-model/core';
import type { z } from 'zod';
import { BenchError, type BenchErrorCode } from './errors';

/** How to run a child process. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stopped after this long (default 15 minutes) */
  timeoutMs?: number;
  /** the error code when it fails (default RUN_FAILED) */
  failure?: BenchErrorCode;
}

/** The helper's errors as BenchErrors with the caller's failure code. */
async function asBenchError<T>(failure: BenchErrorCode | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ChildProcessError)) throw err;
    throw new BenchError(failure ?? 'RUN_FAILED', err.message, { cause: err });
  }
}

/** Run a command to completion and return its stdout; throws BenchError with its last output when it fails. */
export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const { failure, timeoutMs = 15 * 60_000, ...rest } = options;
  return asBenchError(failure, () => runChild({ command, args, timeoutMs, ...rest }));
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
    const tail = stdout.trim().split('\n').slice(-15).join('\n');
    throw new BenchError(
      options.failure ?? 'RUN_FAILED',
      `${command} did not end with a JSON line:\n${tail}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const lines = formatZodIssues(parsed.error.issues);
    throw new BenchError(options.failure ?? 'RUN_FAILED', `${command} reported:\n${lines}`);
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

/** Start a server and wait until GET readyPath answers 200; throws with its output if it dies first. */
export async function startServer(
  command: string,
  args: string[],
  options: RunOptions & { url: string; readyPath: string; name: string },
): Promise<Server> {
  const child = startProcess({ command, args, name: options.name, cwd: options.cwd, env: options.env });
  await asBenchError(options.failure, async () => {
    try {
      await waitUntilReady(() => answersOk(options.url + options.readyPath), {
        what: options.name,
        timeoutMs: options.timeoutMs ?? 300_000,
        process: child,
      });
    } catch (err) {
      await child.stop();
      throw err;
    }
  });
  const describe = (): string => {
    const ended = child.exitStatus();
    const how = ended === null ? 'running' : `ended (${ended.signal ?? ended.code})`;
    return `${how}; last output: ${child.outputTail(5) || '(none)'}`;
  };
  return {
    pid: child.pid,
    url: options.url,
    rssMiB: () => treeRssMiB(child.pid),
    describe,
    stop: child.stop,
  };
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
