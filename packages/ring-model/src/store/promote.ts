import { promises as fs } from 'node:fs';
import { fsyncDirectory } from './atomic-file';
import { assertModelFolder, copyToTemp, sameModelFiles } from './copy-version';
import { ModelStoreError } from './errors';
import { storePaths, TEMP_PREFIX } from './layout';
import { withStoreLock, type StoreLockOptions } from './lock';
import type { PromotionStep } from './promotion-steps';
import { readDeployedPointer, writeDeployedPointer, type DeployedPointer } from './pointer';
import { assertProvenance, type Provenance, type ProvenanceOptions } from './provenance';
import { assertModelUsable } from './validate';

export interface PromoteOptions {
  storeDir: string;
  version: string;
  /** Folder holding model.json, its weight files, metadata.json; omit when the store already holds the version. */
  sourceDir?: string;
  /** sha256 checks besides metadata.json's own (which always apply when it records them). */
  provenance?: ProvenanceOptions;
  onStep?: (step: PromotionStep) => void | Promise<void>;
  lock?: StoreLockOptions;
}

export interface PromoteResult {
  version: string;
  previous: string | null;
  promoted_at: string;
  /** copied: new in the store; identical: already stored with the same bytes; existing: taken from the store. */
  stored: 'copied' | 'identical' | 'existing';
  /** false when the version was already deployed (the pointer is left alone). */
  switched: boolean;
  /** verified: the files matched their recorded sha256; unrecorded: none was recorded (older exports). */
  provenance: Provenance;
}

/** Remove what crashed promotions left behind; only called under the lock. */
async function sweepDebris(root: string): Promise<void> {
  for (const entry of await fs.readdir(root)) {
    if (entry.startsWith(TEMP_PREFIX)) await fs.rm(`${root}/${entry}`, { recursive: true, force: true });
  }
}

async function exists(dir: string): Promise<boolean> {
  return (await fs.stat(dir).catch(() => null))?.isDirectory() ?? false;
}

type Step = NonNullable<PromoteOptions['onStep']>;

type Stored = Pick<PromoteResult, 'stored' | 'provenance'>;

async function storeVersion(options: PromoteOptions, step: Step): Promise<Stored> {
  const { version, sourceDir } = options;
  const paths = storePaths(options.storeDir);
  const target = paths.version(version);
  const checkProvenance = (dir: string) => assertProvenance(dir, version, options.provenance);
  if (await exists(target)) {
    if (sourceDir === undefined) return { stored: 'existing', provenance: await checkProvenance(target) };
    await assertModelFolder(sourceDir, version);
    if (await sameModelFiles(sourceDir, target)) {
      return { stored: 'identical', provenance: await checkProvenance(target) };
    }
    throw new ModelStoreError(
      'VERSION_CONFLICT',
      `the store already holds a different ${version} (stored versions are immutable); promote the new model under a new version name`,
    );
  }
  if (sourceDir === undefined) {
    throw new ModelStoreError('VERSION_NOT_FOUND', `version ${version} is not in the store ${paths.root}`);
  }
  await assertModelFolder(sourceDir, version);
  const temp = await copyToTemp(sourceDir, target);
  await step('temp-copied');
  let provenance: Provenance;
  try {
    provenance = await checkProvenance(temp);
    await assertModelUsable(temp, version);
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true });
    throw err;
  }
  await step('temp-validated');
  await fs.rename(temp, target);
  await fsyncDirectory(paths.root);
  await step('version-stored');
  return { stored: 'copied', provenance };
}

/** Switch deployed.json to version, remembering the current one as previous. */
export async function switchPointer(
  storeDir: string,
  version: string,
  current: DeployedPointer | null,
  step: Step,
): Promise<DeployedPointer> {
  const pointer = { version, promoted_at: new Date().toISOString(), previous: current?.version ?? null };
  await writeDeployedPointer(storeDir, pointer, () => step('pointer-temp-written'));
  await step('pointer-switched');
  return pointer;
}

/**
 * Promote a version: under the store lock, copy it in (temporary folder, then
 * rename; stored versions never change), check its files match the sha256
 * recorded for them (metadata.json, options.provenance) and that it loads and
 * predicts, then replace deployed.json atomically. Concurrent promotions serialize.
 */
export async function promoteVersion(options: PromoteOptions): Promise<PromoteResult> {
  const step: Step = options.onStep ?? (() => undefined);
  const paths = storePaths(options.storeDir);
  paths.version(options.version); // checks the name before anything touches the disk
  const result = await withStoreLock(
    options.storeDir,
    async (): Promise<PromoteResult> => {
      await sweepDebris(paths.root);
      await step('lock-acquired');
      const { stored, provenance } = await storeVersion(options, step);
      // A corrupt deployed.json must not block the promotion that replaces it (previous: null).
      const current = await readDeployedPointer(options.storeDir).catch((err: unknown) => {
        if (err instanceof ModelStoreError && err.code === 'POINTER_INVALID') return null;
        throw err;
      });
      if (stored !== 'copied') await assertModelUsable(paths.version(options.version), options.version);
      if (current?.version === options.version) {
        return { ...current, stored, switched: false, provenance };
      }
      const pointer = await switchPointer(options.storeDir, options.version, current, step);
      return { ...pointer, stored, switched: true, provenance };
    },
    options.lock,
  );
  await step('lock-released');
  return result;
}
