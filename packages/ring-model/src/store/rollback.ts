import { promises as fs } from 'node:fs';
import { ModelStoreError } from './errors';
import { storePaths } from './layout';
import { withStoreLock, type StoreLockOptions } from './lock';
import { readDeployedPointer, type DeployedPointer } from './pointer';
import { switchPointer } from './promote';
import type { PromotionStep } from './promotion-steps';
import { assertProvenance } from './provenance';
import { assertModelUsable } from './validate';

export interface RollbackOptions {
  storeDir: string;
  onStep?: (step: PromotionStep) => void | Promise<void>;
  lock?: StoreLockOptions;
}

/**
 * Deploy the previous version again (checked to load and predict first). The
 * version rolled back from becomes the new previous, so a second rollback undoes
 * the first.
 */
export async function rollbackVersion(options: RollbackOptions): Promise<DeployedPointer> {
  const step = options.onStep ?? (() => undefined);
  const paths = storePaths(options.storeDir);
  const pointer = await withStoreLock(
    options.storeDir,
    async () => {
      await step('lock-acquired');
      const current = await readDeployedPointer(options.storeDir);
      if (!current) {
        throw new ModelStoreError(
          'NOTHING_DEPLOYED',
          `nothing is deployed in ${paths.root}; promote a version first`,
        );
      }
      if (!current.previous) {
        throw new ModelStoreError(
          'NO_PREVIOUS_VERSION',
          `${current.version} is deployed and no version was deployed before it; promote a version by name instead`,
        );
      }
      const dir = paths.version(current.previous);
      if (!(await fs.stat(dir).catch(() => null))) {
        throw new ModelStoreError(
          'VERSION_NOT_FOUND',
          `the previous version ${current.previous} is not in the store`,
        );
      }
      await assertProvenance(dir, current.previous);
      await assertModelUsable(dir, current.previous);
      return switchPointer(options.storeDir, current.previous, current, step);
    },
    options.lock,
  );
  await step('lock-released');
  return pointer;
}
