/** How long a process may take to end after SIGTERM before it gets SIGKILL. */
export const DEFAULT_GRACE_MS = 10_000;

/** Send `signal` to a process, or to its whole process group; false when there is none. */
export function signalProcess(pid: number, signal: NodeJS.Signals | 0, group = false): boolean {
  try {
    process.kill(group ? -pid : pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stop a process (or its whole group) by its id: SIGTERM, then SIGKILL if it
 * is still there after `graceMs`. Also for processes this one did not start
 * (a server's pid file).
 */
export async function stopPid(
  pid: number,
  options: { group?: boolean; graceMs?: number } = {},
): Promise<void> {
  const group = options.group ?? false;
  if (!signalProcess(pid, 'SIGTERM', group)) return;
  const deadline = Date.now() + (options.graceMs ?? DEFAULT_GRACE_MS);
  while (Date.now() < deadline) {
    if (!signalProcess(pid, 0, group)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalProcess(pid, 'SIGKILL', group);
}
