import { access, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetPaths, READY_FILE, STAGE_DIR } from './dataset-layout';
import { removeTree } from '../shared/remove-tree';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** The staging folder of an output folder. */
export const stagePath = (outputPath: string) => path.join(outputPath, STAGE_DIR);

/**
 * Marks the complete staged dataset READY and moves it into place. Each step
 * can be repeated, so a run killed half-way is finished by the next run
 * ({@link recoverStage}); until READY exists the old dataset is untouched.
 */
export async function commitStage(outputPath: string): Promise<void> {
  await writeFile(path.join(stagePath(outputPath), READY_FILE), '');
  await rollForward(outputPath);
}

/** Finishes an interrupted commit, or throws away an incomplete staging folder. */
export async function recoverStage(outputPath: string): Promise<'none' | 'finished' | 'discarded'> {
  const stage = stagePath(outputPath);
  if (!(await exists(stage))) return 'none';
  if (await exists(path.join(stage, READY_FILE))) {
    await rollForward(outputPath);
    return 'finished';
  }
  removeTree(stage);
  return 'discarded';
}

async function rollForward(outputPath: string): Promise<void> {
  const out = datasetPaths(outputPath);
  const stage = datasetPaths(stagePath(outputPath));
  const csvStaged = await exists(stage.csv);
  if (csvStaged) {
    // Without these two the old dataset no longer looks complete while images are swapped.
    await rm(out.manifest, { force: true });
    await rm(out.csv, { force: true });
  }
  if (await exists(stage.images)) {
    const old = path.join(stage.root, 'images-old');
    removeTree(old);
    if (await exists(out.images)) await rename(out.images, old);
    await rename(stage.images, out.images);
  }
  if (csvStaged) await rename(stage.csv, out.csv);
  if (await exists(stage.manifest)) await rename(stage.manifest, out.manifest);
  removeTree(stage.root);
}
