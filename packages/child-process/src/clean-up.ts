import { signalProcess } from './stop-process';

/** A started child that must not outlive this process. */
export interface Tracked {
  pid: number;
  group: boolean;
  stop(): Promise<void>;
}

const live = new Set<Tracked>();
let exitHookInstalled = false;
let signalHooksInstalled = false;

/** Remember a child until it ends; SIGKILL it (or its group) if this process exits first. */
export function track(child: Tracked): void {
  if (!exitHookInstalled) {
    // 'exit' handlers must be synchronous: no grace period left, only SIGKILL.
    process.on('exit', () => live.forEach((c) => signalProcess(c.pid, 'SIGKILL', c.group)));
    exitHookInstalled = true;
  }
  live.add(child);
}

export function untrack(child: Tracked): void {
  live.delete(child);
}

/** Stop every child started here that is still running (SIGTERM, then SIGKILL after its grace period). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...live].map((child) => child.stop()));
}

/**
 * On the first SIGINT or SIGTERM, stop every child started here, then exit
 * with 128 + the signal's number (130, 143). A second signal ends at once.
 */
export function stopAllOnSignals(): void {
  if (signalHooksInstalled) return;
  signalHooksInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void stopAllProcesses().finally(() => process.exit(code));
    });
  }
}
