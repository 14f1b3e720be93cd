import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MODEL_FILES } from '../metadata-file';
import { fsyncDirectory, tempNameFor } from './atomic-file';
import { ModelStoreError } from './errors';

const FILE_NAMES = Object.values(MODEL_FILES);

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

/** true when both folders hold byte-identical model files. */
export async function sameModelFiles(a: string, b: string): Promise<boolean> {
  for (const name of FILE_NAMES) {
    const [ha, hb] = await Promise.all([sha256(path.join(a, name)), sha256(path.join(b, name))]);
    if (ha !== hb) return false;
  }
  return true;
}

/** Throws VERSION_NOT_FOUND unless dir holds the three model files. */
export async function assertModelFolder(dir: string, version: string): Promise<void> {
  const missing: string[] = [];
  for (const name of FILE_NAMES) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (!stat?.isFile()) missing.push(name);
  }
  if (missing.length > 0) {
    throw new ModelStoreError(
      'VERSION_NOT_FOUND',
      `${dir} is not a model folder for ${version}: ${missing.join(', ')} missing (expected ${FILE_NAMES.join(', ')})`,
    );
  }
}

/**
 * Copy the model files of sourceDir into a fresh temporary folder beside
 * targetDir, fsynced and read-only; returns the temporary folder. The caller
 * renames it into place (atomic) or removes it.
 */
export async function copyToTemp(sourceDir: string, targetDir: string): Promise<string> {
  const temp = tempNameFor(targetDir);
  await fs.mkdir(temp);
  for (const name of FILE_NAMES) {
    const target = path.join(temp, name);
    await fs.copyFile(path.join(sourceDir, name), target);
    const handle = await fs.open(target, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(target, 0o444); // stored versions are immutable
  }
  await fsyncDirectory(temp);
  return temp;
}
