import { promises as fs } from 'node:fs';
import { ModelStoreError } from './errors';
import { storePaths } from './layout';
import { readLock, removeLockIf, renewLock, tryCreateLock } from '@rings/lease-lock';
import {
  DEFAULT_LEASE_MS,
  describeOwner,
  isStale,
  newOwner,
  parseOwner,
  type LockOwner,
} from '@rings/lease-lock';

export type { LockOwner } from '@rings/lease-lock';

export interface StoreLockOptions {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms, plus jitter). */
  retryMs?: number;
  /** Called once when the lock is busy, with its owner (null when unreadable). */
  onWait?: (owner: LockOwner | null) => void;
  /**
   * Lease (default 60 s): the holder renews it every third of this. A lock of
   * another host not renewed for its lease is taken over; on this host only a
   * dead pid's lock is. Hosts sharing a store need distinct hostnames and clocks
   * that agree to well within the lease.
   */
  leaseMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms + Math.random() * ms));

async function acquireLock(file: string, options: StoreLockOptions, leaseMs: number): Promise<LockOwner> {
  const owner = newOwner(leaseMs);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let told = false;
  for (;;) {
    if (await tryCreateLock(file, owner)) return owner;
    const held = await readLock(file);
    if (!held) continue;
    const holder = parseOwner(held.text);
    const stale = isStale(holder, held.ageMs, leaseMs);
    if (stale && (await removeLockIf(file, (text) => text === held.text, leaseMs)) === 'checked') continue;
    if (!stale && !told) {
      options.onWait?.(holder);
      told = true;
    }
    if (Date.now() > deadline) {
      throw new ModelStoreError(
        'LOCK_TIMEOUT',
        `the model store is locked by ${describeOwner(holder)}; wait for that promotion to finish, or remove ${file} if its process is gone`,
      );
    }
    await sleep(options.retryMs ?? 50);
  }
}

/** Removes the lock if it is still ours; another owner's lock is left alone. */
async function releaseLock(file: string, token: string, leaseMs: number): Promise<void> {
  const ours = (text: string) => parseOwner(text)?.token === token;
  // The guard is held for milliseconds; after this many tries the lock is left to go stale.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await removeLockIf(file, ours, leaseMs)) === 'checked') return;
    await sleep(50);
  }
}

/** Run fn while holding the store's .lock, renewing its lease; concurrent callers serialize. */
export async function withStoreLock<T>(
  storeDir: string,
  fn: () => Promise<T>,
  options: StoreLockOptions = {},
): Promise<T> {
  const file = storePaths(storeDir).lock;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  await fs.mkdir(storePaths(storeDir).root, { recursive: true });
  const owner = await acquireLock(file, options, leaseMs);
  const renewal = setInterval(() => void renewLock(file, owner.token).catch(() => false), leaseMs / 3);
  renewal.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renewal);
    await releaseLock(file, owner.token, leaseMs);
  }
}
