import { promises as fs } from 'node:fs';
import type { ModelMetadata } from '../metadata';
import { readModelMetadata } from '../model-files';
import { VERSION_NAME_PATTERN } from '../version-name';
import { storePaths } from './layout';
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
  deployed: DeployedPointer | null;
  versions: StoredVersion[];
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
  const deployed = await readDeployedPointer(storeDir);
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
  return { deployed, versions };
}
