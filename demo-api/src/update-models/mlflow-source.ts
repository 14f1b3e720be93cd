import {
  createMlflowClient,
  readMlflowConfig,
  type MlflowClient,
  type ModelVersion,
} from '@rings/mlflow-client';
import { registryVersionNumber } from '@rings/ring-model/core';
import { DEFAULT_DOWNLOAD_LIMITS, type DownloadLimits } from './download-limits';
import { downloadModelVersion, type DownloadedFiles } from './download-version';

/** The registry version tag training sets to the version name (e.g. v1). */
export const VERSION_NAME_TAG = 'ring.version_name';
/** The alias that marks the promoted version. */
export const CHAMPION_ALIAS = 'champion';

/** The MLflow registry as update-models uses it. */
export interface RegistrySource {
  readonly trackingUri: string;
  /** True when the server answers (never throws). */
  isReachable(): Promise<boolean>;
  /** The registry version for a version name: by tag, else version N for "vN"; undefined when none. */
  findVersion(versionName: string): Promise<ModelVersion | undefined>;
  /**
   * Download the version's model files (model.json, the weight files it names,
   * metadata.json; nothing else from its source) into dir, within the size caps.
   */
  download(version: ModelVersion, dir: string): Promise<DownloadedFiles>;
  setChampion(version: ModelVersion): Promise<void>;
  /** The version an alias names (undefined when the alias is not set). */
  versionByAlias(alias: string): Promise<ModelVersion | undefined>;
}

/** The version name training tagged a registry version with, else "v<number>". */
export function versionNameOf(version: Pick<ModelVersion, 'version' | 'tags'>): string {
  return version.tags[VERSION_NAME_TAG] ?? `v${version.version}`;
}

/** e.g. "MLflow's ring-counter version 3": how messages name a registry version. */
export function describeVersion(modelName: string, version: Pick<ModelVersion, 'version'>): string {
  return `MLflow's ${modelName} version ${version.version}`;
}

async function findByTag(client: MlflowClient, modelName: string, versionName: string) {
  // Both names are checked against safe patterns before they get here (no quotes).
  const filter = `name = '${modelName}' and tags.\`${VERSION_NAME_TAG}\` = '${versionName}'`;
  const page = await client.registry.searchVersions({
    filter,
    orderBy: ['version_number DESC'],
    maxResults: 1,
  });
  return page.items[0];
}

async function findByNumber(client: MlflowClient, modelName: string, versionName: string) {
  const number = registryVersionNumber(versionName);
  if (number === undefined) return undefined;
  try {
    return await client.registry.getModelVersion(modelName, number);
  } catch (err) {
    if ((err as { code?: string }).code === 'RESOURCE_DOES_NOT_EXIST') return undefined;
    throw err;
  }
}

/** A RegistrySource over the real MLflow REST API (settings from the MLFLOW_* environment). */
export function createRegistrySource(
  modelName: string,
  env: NodeJS.ProcessEnv = process.env,
  limits: DownloadLimits = DEFAULT_DOWNLOAD_LIMITS,
): RegistrySource {
  const client = createMlflowClient({ ...readMlflowConfig(env), retry: { maxRetries: 2 } });
  return {
    trackingUri: client.trackingUri,
    isReachable: () => client.ping(2000),
    findVersion: async (versionName) =>
      (await findByTag(client, modelName, versionName)) ??
      (await findByNumber(client, modelName, versionName)),
    download: (version, dir) =>
      downloadModelVersion(client, version.source, dir, limits, describeVersion(modelName, version)),
    setChampion: (version) => client.registry.setAlias(modelName, CHAMPION_ALIAS, version.version),
    versionByAlias: (alias) => client.registry.getVersionByAlias(modelName, alias),
  };
}
