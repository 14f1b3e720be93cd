import { ChildProcessError } from './child-process-error';
import type { RunningProcess } from './start-process';

/** How long to wait for what. */
export interface ReadyOptions {
  /** how messages name what is awaited, e.g. "the API at http://127.0.0.1:8080" */
  what: string;
  timeoutMs: number;
  /** the child that should become ready: its end stops the wait at once */
  process?: RunningProcess;
  intervalMs?: number;
}

/**
 * Ask `isReady` until it says yes. Throws ChildProcessError EXITED_EARLY when
 * the child ends first and NOT_READY after `timeoutMs`, with its last output.
 */
export async function waitUntilReady(isReady: () => Promise<boolean>, options: ReadyOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const child = options.process;
  const output = (): string => (child?.outputTail() ? `:\n${child.outputTail()}` : '');
  for (;;) {
    const ended = child?.exitStatus();
    if (ended) {
      const how = ended.signal ? `was stopped by ${ended.signal}` : `exited with code ${ended.code}`;
      throw new ChildProcessError(
        'EXITED_EARLY',
        `${child?.name} ${how} before ${options.what} was ready${output()}`,
      );
    }
    if (await isReady()) return;
    if (Date.now() > deadline) {
      throw new ChildProcessError(
        'NOT_READY',
        `${options.what} was not ready within ${formatDuration(options.timeoutMs)}${output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

/** True when GET `url` answers 200 within 2 s. */
export async function answersOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

const formatDuration = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);
