import { promises as fs } from 'node:fs';
import { isStale, newOwner, parseOwner, type LockOwner } from './lock-owner';

/** A lock file's text and how long ago it was created or last renewed (its mtime). */
export interface LockRead {
  text: string;
  ageMs: number;
}

export async function readLock(file: string): Promise<LockRead | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { text, ageMs: Date.now() - stat.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Creates the lock file exclusively with owner in it; false when it exists. */
export async function tryCreateLock(file: string, owner: LockOwner): Promise<boolean> {
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
    // A full disk: do not leave an empty lock behind for the next run to wait out.
    await handle.close();
    await fs.rm(file, { force: true });
    throw err;
  }
  await handle.close();
  return true;
}

/**
 * Extends our lease: touches the lock's mtime, through the very file whose token
 * was just read, so a lock that someone else took over is never renewed.
 * False when the lock is no longer ours.
 */
export async function renewLock(file: string, ownerToken: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const ours = parseOwner(await handle.readFile('utf8'))?.token === ownerToken;
    if (!ours) return false;
    const now = new Date();
    await handle.utimes(now, now);
    return true;
  } finally {
    await handle.close();
  }
}

/**
 * Removes the lock file if its text still passes `matches`; 'busy' when another
 * process is removing it right now. Every removal (a stale takeover or a release)
 * happens inside the guard file `<file>.recover`, after reading the lock, so no one
 * ever removes a lock that changed hands after they looked at it.
 */
export async function removeLockIf(
  file: string,
  matches: (text: string) => boolean,
  leaseMs: number,
): Promise<'checked' | 'busy'> {
  const guard = `${file}.recover`;
  const mine = await takeGuard(guard, leaseMs);
  if (!mine) return 'busy';
  try {
    const current = await readLock(file);
    if (current && matches(current.text)) await fs.rm(file, { force: true });
    return 'checked';
  } finally {
    const held = await readLock(guard);
    if (held && parseOwner(held.text)?.token === mine.token) await fs.rm(guard, { force: true });
  }
}

/** The guard, or null while a live process holds it; a dead holder's guard is cleared first. */
async function takeGuard(guard: string, leaseMs: number): Promise<LockOwner | null> {
  const owner = newOwner(leaseMs);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreateLock(guard, owner)) return owner;
    const held = await readLock(guard);
    if (held && !isStale(parseOwner(held.text), held.ageMs, leaseMs)) return null;
    // The holder died inside its (millisecond-long) section: clear its guard if it is still that one.
    const again = await readLock(guard);
    if (held && again?.text === held.text) await fs.rm(guard, { force: true });
  }
  return null;
}
