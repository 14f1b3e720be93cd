import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256OfFile } from '../file-sha256';
import { MODEL_FILES } from '../metadata-file';
import { readWeightsManifest } from '../weights-manifest';
import { fsyncDirectory, tempNameFor } from './atomic-file';
import { ModelStoreError } from './errors';

/** model.json, the weight files it names (plain names in dir, checked) and metadata.json. */
async function modelFileNames(dir: string): Promise<string[]> {
  const { weightFiles } = await readWeightsManifest(dir);
  return [MODEL_FILES.model, ...weightFiles, MODEL_FILES.metadata];
}

/** true when both folders hold byte-identical model files. */
export async function sameModelFiles(a: string, b: string): Promise<boolean> {
  const [namesA, namesB] = await Promise.all([modelFileNames(a), modelFileNames(b)]);
  if ([...namesA].sort().join('\n') !== [...namesB].sort().join('\n')) return false;
  for (const name of namesA) {
    const [ha, hb] = await Promise.all([sha256OfFile(path.join(a, name)), sha256OfFile(path.join(b, name))]);
    if (ha !== hb) return false;
  }
  return true;
}

async function missingFiles(dir: string, names: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (!stat?.isFile()) missing.push(name);
  }
  return missing;
}

/**
 * Throws VERSION_NOT_FOUND unless dir holds model.json, metadata.json and the
 * weight files model.json names; MODEL_INVALID when one of those names leaves dir.
 */
export async function assertModelFolder(dir: string, version: string): Promise<void> {
  let missing = await missingFiles(dir, [MODEL_FILES.model, MODEL_FILES.metadata]);
  if (missing.length === 0) missing = await missingFiles(dir, await modelFileNames(dir));
  if (missing.length > 0) {
    throw new ModelStoreError(
      'VERSION_NOT_FOUND',
      `${dir} is not a model folder for ${version}: ${missing.join(', ')} missing (expected model.json, the weight files it names, metadata.json)`,
    );
  }
}

/**
 * Copy the model files of sourceDir (nothing else) into a fresh temporary
 * folder beside targetDir, fsynced and read-only; returns the temporary folder.
 * The caller renames it into place (atomic) or removes it.
 */
export async function copyToTemp(sourceDir: string, targetDir: string): Promise<string> {
  const names = await modelFileNames(sourceDir);
  const temp = tempNameFor(targetDir);
  await fs.mkdir(temp);
  for (const name of names) {
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
