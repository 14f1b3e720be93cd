import type { ChildProcess, StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Writable } from 'node:stream';

/** Where a child's stdout and stderr go. */
export type OutputMode =
  /** kept in memory (the default): all of stdout, the last lines of both for messages */
  | 'capture'
  /** captured too, and each line printed here with the prefix (stdout to stdout, stderr to stderr) */
  | { prefix: string }
  /** appended to a file; messages point to it */
  | { file: string }
  /** straight to this process's stdout and stderr */
  | 'inherit';

/** What was kept of a child's output. */
export interface CapturedOutput {
  /** everything the child wrote to stdout ('' unless captured) */
  stdout(): string;
  /** the last lines of stdout and stderr together, or where to find them */
  tail(lines?: number): string;
}

const KEPT_CHARS = 20_000;

/**
 * The stdio to spawn with (stdin a pipe when there is input to send); a file is
 * opened here and closed by `closeAfterSpawn`.
 */
export function stdioFor(
  mode: OutputMode,
  withInput: boolean,
): { stdio: StdioOptions; closeAfterSpawn(): void } {
  const stdin = withInput ? 'pipe' : 'ignore';
  if (mode === 'inherit') return { stdio: [stdin, 'inherit', 'inherit'], closeAfterSpawn: () => {} };
  if (typeof mode === 'object' && 'file' in mode) {
    const fd = openSync(mode.file, 'a');
    return { stdio: [stdin, fd, fd], closeAfterSpawn: () => closeSync(fd) };
  }
  return { stdio: [stdin, 'pipe', 'pipe'], closeAfterSpawn: () => {} };
}

/** Follow a spawned child's output as `mode` says. */
export function captureOutput(child: ChildProcess, mode: OutputMode): CapturedOutput {
  if (mode === 'inherit') return { stdout: () => '', tail: () => '' };
  if (typeof mode === 'object' && 'file' in mode) return { stdout: () => '', tail: () => `see ${mode.file}` };
  let stdout = '';
  let recent = '';
  const keep = (text: string): void => void (recent = (recent + text).slice(-KEPT_CHARS));
  const prefix = typeof mode === 'object' ? mode.prefix : undefined;
  const print = {
    out: prefix === undefined ? undefined : linePrinter(process.stdout, prefix),
    err: prefix === undefined ? undefined : linePrinter(process.stderr, prefix),
  };
  // decoded as streams, so a character split between two chunks stays whole
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    keep(text);
    print.out?.write(text);
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    keep(text);
    print.err?.write(text);
  });
  child.on('close', () => {
    print.out?.flush();
    print.err?.flush();
  });
  return { stdout: () => stdout, tail: (lines = 15) => lastLines(recent, lines) };
}

/** Writes whole lines to `stream`, each after `prefix`. */
function linePrinter(stream: Writable, prefix: string): { write(text: string): void; flush(): void } {
  let partial = '';
  return {
    write(text) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) stream.write(`${prefix}${line}\n`);
    },
    flush() {
      if (partial) stream.write(`${prefix}${partial}\n`);
      partial = '';
    },
  };
}

function lastLines(text: string, lines: number): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
