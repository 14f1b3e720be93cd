import path from 'node:path';
import { assertVersionName } from '../version-name';

/** The pointer file naming the deployed version. */
export const DEPLOYED_FILE = 'deployed.json';
/** Held (created exclusively) while a promotion or rollback runs. */
export const LOCK_FILE = '.lock';
/** Prefix of the temporary entries a promotion writes before renaming them into place. */
export const TEMP_PREFIX = '.tmp-';

/** Paths inside a model store. */
export interface StorePaths {
  root: string;
  deployed: string;
  lock: string;
  /** The folder of a version; the name is checked first, so it never leaves the store. */
  version(name: string): string;
}

/** Paths of the store at storeDir (resolved to an absolute path). */
export function storePaths(storeDir: string): StorePaths {
  const root = path.resolve(storeDir);
  return {
    root,
    deployed: path.join(root, DEPLOYED_FILE),
    lock: path.join(root, LOCK_FILE),
    version(name: string): string {
      assertVersionName(name);
      return path.join(root, name);
    },
  };
}
