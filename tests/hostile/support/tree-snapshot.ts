import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every entry under dir (symlinks not followed, FIFOs not opened) with its type
 * and content hash, skipping the given paths: compare two snapshots to prove
 * nothing outside the allowed folders was written.
 */
export async function snapshotTree(dir: string, skip: string[] = []): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const file = path.join(dir, name);
    if (skip.includes(file)) continue;
    const stat = await lstat(file);
    if (stat.isDirectory()) Object.assign(result, await snapshotTree(file, skip));
    else if (stat.isSymbolicLink()) result[file] = `symlink -> ${await readlink(file)}`;
    else if (stat.isFile())
      result[file] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    else result[file] = `special ${stat.mode.toString(8)}`;
  }
  return result;
}
