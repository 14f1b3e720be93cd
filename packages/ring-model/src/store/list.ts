import { promises as fs } from 'node:fs';
import type { ModelMetadata } from '../metadata';
import { readModelMetadata } from '../metadata-file';
import { VERSION_NAME_PATTERN } from '../version-name';
import { storePaths } from './layout';
import { ModelStoreError } from './errors';
import { readDeployedPointer, type DeployedPointer } from './pointer';

/** One folder of the store: its metadata, or why it could not be read. */
export interface StoredVersion {
  version: string;
  deployed: boolean;
  metadata: ModelMetadata | null;
  /** Why metadata.json could not be read (null when it could). */
  error: string | null;
}

export interface StoreListing {
  /** The deployed pointer; null when nothing was promoted or deployed.json is unreadable. */
  deployed: DeployedPointer | null;
  /** Why deployed.json could not be read (null when it could, or when there is none). */
  deployedError: string | null;
  versions: StoredVersion[];
}

/** A corrupt deployed.json is reported, not thrown: the listing is how an operator finds it. */
async function readPointerForListing(
  storeDir: string,
): Promise<Pick<StoreListing, 'deployed' | 'deployedError'>> {
  try {
    return { deployed: await readDeployedPointer(storeDir), deployedError: null };
  } catch (err) {
    if (!(err instanceof ModelStoreError)) throw err;
    return { deployed: null, deployedError: err.message };
  }
}

/** The versions in a store (natural order: v2 before v10) and the deployed pointer. */
export async function listStoredVersions(storeDir: string): Promise<StoreListing> {
  const paths = storePaths(storeDir);
  const entries = await fs
    .readdir(paths.root, { withFileTypes: true })
    .catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
  const { deployed, deployedError } = await readPointerForListing(storeDir);
  const names = entries
    .filter((e) => e.isDirectory() && VERSION_NAME_PATTERN.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const versions = await Promise.all(
    names.map(async (version): Promise<StoredVersion> => {
      const base = { version, deployed: deployed?.version === version };
      try {
        return { ...base, metadata: await readModelMetadata(paths.version(version)), error: null };
      } catch (err) {
        return { ...base, metadata: null, error: (err as Error).message };
      }
    }),
  );
  return { deployed, deployedError, versions };
}
