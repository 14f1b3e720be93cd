import { access, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetPaths, READY_FILE, STAGE_DIR } from './dataset-layout';
import { removeTree } from '../shared/remove-tree';
import { syncPath, syncTree } from '../shared/sync-tree';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** The staging folder of an output folder. */
export const stagePath = (outputPath: string) => path.join(outputPath, STAGE_DIR);

/** One step of a commit; each can be repeated, so a run killed between two is finished later. */
export interface CommitStep {
  name: string;
  run(): Promise<void>;
}

/**
 * The commit of a complete staged dataset, in order: make every staged byte
 * durable, mark the stage READY (durably), then move it into place. Until READY
 * exists the old dataset is untouched; from then on the next run rolls forward.
 */
export function commitSteps(outputPath: string): CommitStep[] {
  const stage = stagePath(outputPath);
  const ready = path.join(stage, READY_FILE);
  return [
    { name: 'sync staged files', run: () => syncTree(stage) },
    {
      name: 'write READY',
      run: async () => {
        await writeFile(ready, '');
        await syncPath(ready);
        await syncPath(stage);
      },
    },
    ...rollForwardSteps(outputPath),
  ];
}

/** Marks the complete staged dataset READY and moves it into place ({@link commitSteps}). */
export async function commitStage(outputPath: string): Promise<void> {
  for (const step of commitSteps(outputPath)) await step.run();
}

/** Finishes an interrupted commit, or throws away an incomplete staging folder. */
export async function recoverStage(outputPath: string): Promise<'none' | 'finished' | 'discarded'> {
  const stage = stagePath(outputPath);
  if (!(await exists(stage))) return 'none';
  if (await exists(path.join(stage, READY_FILE))) {
    for (const step of rollForwardSteps(outputPath)) await step.run();
    return 'finished';
  }
  removeTree(stage);
  return 'discarded';
}

/** Moves a READY stage into place. The CSV is renamed over the old one, never removed first. */
function rollForwardSteps(outputPath: string): CommitStep[] {
  const out = datasetPaths(outputPath);
  const stage = datasetPaths(stagePath(outputPath));
  const old = path.join(stage.root, 'images-old');
  const when = (file: string, action: () => Promise<void>) => async () => {
    if (await exists(file)) await action();
  };
  return [
    // The manifest goes first and comes back last: while it is missing, the folder is being replaced.
    { name: 'remove old manifest', run: when(stage.manifest, () => rm(out.manifest, { force: true })) },
    {
      name: 'move old images aside',
      run: when(stage.images, async () => {
        removeTree(old);
        if (await exists(out.images)) await rename(out.images, old);
      }),
    },
    { name: 'move new images in', run: when(stage.images, () => rename(stage.images, out.images)) },
    { name: 'replace CSV', run: when(stage.csv, () => rename(stage.csv, out.csv)) },
    { name: 'move manifest in', run: when(stage.manifest, () => rename(stage.manifest, out.manifest)) },
    // The renames must be on disk before READY goes with the staging folder.
    { name: 'sync output folder', run: () => syncPath(out.root) },
    {
      name: 'remove staging folder',
      run: async () => {
        removeTree(stage.root);
        await syncPath(out.root);
      },
    },
  ];
}
