import { ChildProcessError } from './child-process-error';
import { startProcess, type StartOptions } from './start-process';

/** How to run a command to its end. */
export interface RunOptions extends Omit<StartOptions, 'outlive' | 'group'> {
  /** stopped (SIGTERM, then SIGKILL) after this long (default: no limit) */
  timeoutMs?: number;
}

/**
 * Run a command to its end and resolve with its stdout (captured output); throw
 * ChildProcessError FAILED, with its last lines of output, when it fails.
 */
export async function runProcess(options: RunOptions): Promise<string> {
  const child = startProcess(options);
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => void child.stop(), options.timeoutMs);
  try {
    const { code, signal } = await child.exited;
    if (code === 0) return child.stdout();
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    const tail = child.outputTail();
    const command = [options.command, ...(options.args ?? [])].join(' ');
    throw new ChildProcessError('FAILED', `'${command}' ${how}${tail ? `:\n${tail}` : ''}`);
  } finally {
    clearTimeout(timer);
  }
}
