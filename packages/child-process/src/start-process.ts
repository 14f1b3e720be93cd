import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ChildProcessError } from './child-process-error';
import { track, untrack } from './clean-up';
import { captureOutput, stdioFor, type OutputMode } from './output';
import { DEFAULT_GRACE_MS, stopPid } from './stop-process';

/** What to start and how. */
export interface StartOptions {
  command: string;
  args?: string[];
  /** how messages name it (default: the command's file name) */
  name?: string;
  cwd?: string;
  /** the whole environment of the child (default: this process's) */
  env?: NodeJS.ProcessEnv;
  /** where its output goes (default: captured) */
  output?: OutputMode;
  /** its own process group, so that stopping it also stops the processes it starts */
  group?: boolean;
  /** keep it running when this process ends (a server started for later use; give it file output) */
  outlive?: boolean;
  /** SIGTERM to SIGKILL, when stopped (default 10 s) */
  graceMs?: number;
  /** written to its stdin, which is then closed (default: no stdin) */
  input?: string | Buffer;
}

/** How a child ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A started child. */
export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  /** resolves when it has ended; rejects with START_FAILED when it could not start */
  readonly exited: Promise<ExitStatus>;
  /** null while it runs */
  exitStatus(): ExitStatus | null;
  /** everything it wrote to stdout (captured output only) */
  stdout(): string;
  /** its last lines of output, or the file that holds them */
  outputTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once it has ended */
  stop(): Promise<void>;
}

/** Write all of `input` to the child's stdin and close it. */
function sendInput(child: ChildProcess, input: string | Buffer): void {
  // a child that exits without reading all of it makes stdin fail with EPIPE:
  // its exit status says what happened, so the write error adds nothing
  child.stdin?.on('error', () => {});
  child.stdin?.end(input);
}

/** Start a child process; it is stopped when this process exits unless `outlive` says otherwise. */
export function startProcess(options: StartOptions): RunningProcess {
  const { command, args = [] } = options;
  const name = options.name ?? path.basename(command);
  const group = options.group ?? false;
  const output = options.output ?? 'capture';
  const { stdio, closeAfterSpawn } = stdioFor(output, options.input !== undefined);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio, detached: group });
  closeAfterSpawn();
  if (options.input !== undefined) sendInput(child, options.input);
  const captured = captureOutput(child, output);
  let status: ExitStatus | null = null;
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // 'close' comes after 'exit' once its output is read to the end
  const exited = new Promise<ExitStatus>((resolve, reject) => {
    child.once('error', (err) => {
      status ??= { code: null, signal: null };
      reject(
        new ChildProcessError('START_FAILED', `${name} could not start: ${err.message}`, { cause: err }),
      );
    });
    child.once('exit', (code, signal) => (status = { code, signal }));
    child.once('close', (code, signal) => resolve(status ?? { code, signal }));
  });
  exited.catch(() => {}); // reported to whoever awaits it; never an unhandled rejection
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    // a group may outlive its leader; a child that never started has no pid to signal
    if (pid !== undefined && (status === null || group)) {
      await stopPid(pid, { group, graceMs: options.graceMs ?? DEFAULT_GRACE_MS });
      if (status === null) await ended;
    }
    untrack(tracked);
  };
  const tracked = { pid: pid ?? 0, group, stop };
  if (options.outlive) child.unref();
  else if (pid !== undefined) {
    track(tracked);
    if (!group) void exited.catch(() => {}).finally(() => untrack(tracked));
  }
  return {
    name,
    pid: pid ?? 0,
    exited,
    exitStatus: () => status,
    stdout: captured.stdout,
    outputTail: captured.tail,
    stop,
  };
}
