// The registry side of a promotion: find a version, download its model files
// into a temporary folder, and say what their sha256 must be.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelVersion } from '@rings/mlflow-client';
import { ModelStoreError, sha256FromTags, type ProvenanceOptions } from '@rings/ring-model';
import { MlflowUnreachableError } from './errors';
import { describeVersion, type RegistrySource } from './mlflow-source';

/** Find the registry version and download it into a fresh temporary folder. */
export async function downloadFromMlflow(
  version: string,
  registry: RegistrySource,
  modelName: string,
): Promise<{ dir: string; mv: ModelVersion }> {
  if (!(await registry.isReachable())) {
    throw new MlflowUnreachableError(
      `cannot download ${version}: MLflow at ${registry.trackingUri} is unreachable (start it with npm run mlflow, or set MLFLOW_TRACKING_URI)`,
    );
  }
  const mv = await registry.findVersion(version);
  if (!mv) {
    throw new ModelStoreError(
      'VERSION_NOT_FOUND',
      `${version} is not a version of the registered model ${modelName} in MLflow (no version tagged ring.version_name=${version}${/^v\d+$/.test(version) ? `, no version ${version.slice(1)}` : ''})`,
    );
  }
  return { dir: await downloadToTemp(mv, registry, version), mv };
}

/** Download a registry version's model files into a fresh temporary folder (removed again on failure). */
export async function downloadToTemp(
  mv: ModelVersion,
  registry: RegistrySource,
  label: string,
): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `update-models-${label}-`));
  try {
    await registry.download(mv, dir);
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  return dir;
}

/**
 * What the store checks of a registry version: the sha256 in its tags and in
 * its metadata.json, whichever it has; one with neither is refused.
 */
export function registryProvenance(mv: ModelVersion, modelName: string): ProvenanceOptions {
  const tags = `${describeVersion(modelName, mv)}'s tags`;
  return { expected: sha256FromTags(mv.tags, tags), expectedFrom: tags, required: true };
}
