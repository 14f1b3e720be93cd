import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createTaskPool } from './task-pool';

/**
 * fsyncs one file or folder, so its bytes (a file) or its entries (a folder:
 * creations, renames, removals) survive a power loss.
 */
export async function syncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems cannot fsync a folder; there is nothing more to do then.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

/** fsyncs every file under root, then every folder (deepest first), with a few in flight. */
export async function syncTree(root: string): Promise<void> {
  const pool = createTaskPool(8);
  const folders: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    folders.push(dir);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) await pool.run(() => syncPath(full));
    }
  };
  await walk(root);
  await pool.drain();
  for (const dir of folders.reverse()) await syncPath(dir);
}
