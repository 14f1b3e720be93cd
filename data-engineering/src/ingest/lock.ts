import path from 'node:path';
import { DataEngineeringError } from '../shared/errors';
import { readLock, removeLockIf, renewLock, tryCreateLock } from '@rings/lease-lock';
import { describeOwner, isStale, newOwner, parseOwner, type LockOwner } from '@rings/lease-lock';
import { LOCK_FILE } from './dataset-layout';

/** The output folder's lock, held by this ingest. */
export interface OutputLock {
  /** Throws OUTPUT_LOCKED when another ingest has taken the lock over (our lease ran out). */
  assertHeld(): Promise<void>;
  /** Removes the lock if it is still ours, and stops renewing it. */
  release(): Promise<void>;
}

/**
 * Takes the output folder's lock (a file naming our pid, host, token and lease)
 * and renews its lease every third of `leaseMs` until released. A lock whose
 * holder died on this host, or another host's lock not renewed for its lease, is
 * taken over; otherwise it fails at once with OUTPUT_LOCKED.
 */
export async function acquireOutputLock(outputPath: string, leaseMs: number): Promise<OutputLock> {
  const file = path.join(outputPath, LOCK_FILE);
  const owner = newOwner(leaseMs);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await tryCreateLock(file, owner)) return holdLock(file, owner, leaseMs);
    const held = await readLock(file);
    if (!held) continue;
    const holder = parseOwner(held.text);
    if (!isStale(holder, held.ageMs, leaseMs)) throw lockedError(file, holder);
    // 'busy': another ingest is taking this stale lock over right now.
    if ((await removeLockIf(file, (text) => text === held.text, leaseMs)) === 'busy') {
      throw lockedError(file, null);
    }
  }
  throw lockedError(file, null);
}

function holdLock(file: string, owner: LockOwner, leaseMs: number): OutputLock {
  let lost = false;
  const renew = async () => {
    if (!(await renewLock(file, owner.token).catch(() => true))) lost = true;
  };
  const renewal = setInterval(() => void renew(), leaseMs / 3);
  renewal.unref();
  const ours = (text: string) => parseOwner(text)?.token === owner.token;
  return {
    async assertHeld() {
      const held = await readLock(file);
      if (lost || !held || !ours(held.text)) {
        const holder = held ? parseOwner(held.text) : null;
        throw new DataEngineeringError(
          'OUTPUT_LOCKED',
          `this ingest lost its lock on ${path.dirname(file)} to ${describeOwner(holder)}: it was not renewed for ${leaseMs} ms (was the process paused?); nothing was committed, run it again`,
        );
      }
    },
    async release() {
      clearInterval(renewal);
      // The guard is held for milliseconds; after this many tries the lock is left to go stale.
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if ((await removeLockIf(file, ours, leaseMs)) === 'checked') return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

function lockedError(file: string, holder: LockOwner | null): DataEngineeringError {
  const who = holder ? `another ingest (${describeOwner(holder)})` : 'another ingest';
  return new DataEngineeringError(
    'OUTPUT_LOCKED',
    `${who} is writing to this output folder; wait for it, or delete ${file} if none is running`,
  );
}
