import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TEMP_PREFIX } from './layout';

/** fsync a directory, so a rename inside it survives a power cut. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A unique temporary name beside target, swept by the next promotion if left behind. */
export function tempNameFor(target: string): string {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return path.join(path.dirname(target), `${TEMP_PREFIX}${path.basename(target)}-${suffix}`);
}

/**
 * Replace file atomically: write a temporary file beside it, fsync it, rename it
 * over file, fsync the folder. Readers see the old content or the new, never a mix.
 * beforeRename runs between the write and the rename (crash-point tests).
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  beforeRename?: () => void | Promise<void>,
): Promise<void> {
  const temp = tempNameFor(file);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await beforeRename?.();
  await fs.rename(temp, file);
  await fsyncDirectory(path.dirname(file));
}
