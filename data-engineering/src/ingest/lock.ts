import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataEngineeringError } from '../shared/errors';
import { LOCK_FILE } from './dataset-layout';

/** Takes the output folder's lock (a file holding our pid); a dead holder's lock is taken over. */
export async function acquireOutputLock(outputPath: string): Promise<() => Promise<void>> {
  const lock = path.join(outputPath, LOCK_FILE);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockedError(lock, error);
      const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && isAlive(holder)) throw lockedError(lock, error, holder);
      await rm(lock, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(lock: string, cause: unknown, holder?: number): DataEngineeringError {
  const who = holder === undefined ? 'another ingest' : `another ingest (pid ${holder})`;
  return new DataEngineeringError(
    'OUTPUT_LOCKED',
    `${who} is writing to this output folder; wait for it, or delete ${lock} if none is running`,
    { cause },
  );
}
