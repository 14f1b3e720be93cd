import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { ModelStoreError } from './errors';
import { storePaths } from './layout';

/** Who holds the store lock; written into .lock. */
export interface LockOwner {
  pid: number;
  hostname: string;
  acquired_at: string;
  token: string;
}

export interface StoreLockOptions {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms, plus jitter). */
  retryMs?: number;
  /** Called once when the lock is busy, with its owner (null when unreadable). */
  onWait?: (owner: LockOwner | null) => void;
}

// A lock file without a readable owner is a crash between create and write once it is this old.
const UNREADABLE_LOCK_STALE_MS = 5_000;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return Number.isInteger(owner.pid) && typeof owner.hostname === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

async function readLock(file: string): Promise<{ text: string; ageMs: number } | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { text, ageMs: Date.now() - stat.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** A lock is stale when its owner died on this host (another host's pid cannot be checked). */
function isStale(owner: LockOwner | null, ageMs: number): boolean {
  if (!owner) return ageMs > UNREADABLE_LOCK_STALE_MS;
  return owner.hostname === os.hostname() && !isProcessAlive(owner.pid);
}

/**
 * Remove a stale lock. A short-lived guard file makes recovery single-file, and the
 * lock is removed only if it still holds what we judged stale, so a fresh lock taken
 * meanwhile by a live process is never removed.
 */
async function removeStaleLock(file: string, staleText: string): Promise<boolean> {
  const guard = `${file}.recover`;
  try {
    await (await fs.open(guard, 'wx')).close();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const stat = await fs.stat(guard).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > UNREADABLE_LOCK_STALE_MS) await fs.rm(guard, { force: true });
    return false; // someone else is recovering (or died doing it): try again shortly
  }
  try {
    const current = await readLock(file);
    if (current && current.text === staleText) await fs.rm(file, { force: true });
    return true;
  } finally {
    await fs.rm(guard, { force: true });
  }
}

async function tryCreateLock(file: string, owner: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(`${JSON.stringify(owner)}\n`);
    await handle.sync();
  } catch (err) {
    // A full disk: do not leave an empty lock behind for the next promotion to wait out.
    await handle.close();
    await fs.rm(file, { force: true });
    throw err;
  }
  await handle.close();
  return true;
}

async function acquireLock(file: string, options: StoreLockOptions): Promise<LockOwner> {
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    acquired_at: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let told = false;
  for (;;) {
    if (await tryCreateLock(file, owner)) return owner;
    const held = await readLock(file);
    if (!held) continue;
    const holder = parseOwner(held.text);
    const stale = isStale(holder, held.ageMs);
    if (stale && (await removeStaleLock(file, held.text))) continue;
    if (!stale && !told) {
      options.onWait?.(holder);
      told = true;
    }
    if (Date.now() > deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.hostname} since ${holder.acquired_at}` : 'unknown';
      throw new ModelStoreError(
        'LOCK_TIMEOUT',
        `the model store is locked by ${who}; wait for that promotion to finish, or remove ${file} if its process is gone`,
      );
    }
    const retryMs = options.retryMs ?? 50;
    await new Promise((resolve) => setTimeout(resolve, retryMs + Math.random() * retryMs));
  }
}

/** Run fn while holding the store's .lock; concurrent callers (any process on this host) serialize. */
export async function withStoreLock<T>(
  storeDir: string,
  fn: () => Promise<T>,
  options: StoreLockOptions = {},
): Promise<T> {
  const file = storePaths(storeDir).lock;
  await fs.mkdir(storePaths(storeDir).root, { recursive: true });
  const owner = await acquireLock(file, options);
  try {
    return await fn();
  } finally {
    const held = await readLock(file);
    if (held && parseOwner(held.text)?.token === owner.token) await fs.rm(file, { force: true });
  }
}
