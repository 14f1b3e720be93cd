import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stopPid } from '@rings/child-process';
import { pidFileIn } from './start-mlflow-server';

/** Stop the server started from `dir` (by its pid file); false when there is none. */
export async function stopMlflowServer(dir: string): Promise<boolean> {
  const pidFile = pidFileIn(dir);
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (Number.isInteger(pid) && pid > 0) await stopPid(pid, { group: true });
  rmSync(pidFile, { force: true });
  return true;
}
