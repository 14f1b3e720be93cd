import { spawn } from 'node:child_process';
import path from 'node:path';

/** The repository root (this file is in data-science/src/retrain or data-science/dist/retrain). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion, handing each output line to `log` as it comes. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; log: (line: string) => void },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    const collect = (key: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString();
      out[key] += text;
      for (const line of text.split('\n')) if (line.trim() !== '') options.log(line);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...out }));
  });
}

/** The last lines of a command's error output, for an error message. */
export function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
