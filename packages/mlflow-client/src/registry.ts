// The model registry: registered models, versions (waiting for READY), aliases
// and version tags. Stages are deprecated in MLflow 3 and not offered.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { RegistryApi } from './api';
import {
  MlflowError,
  MlflowInvalidParameterError,
  MlflowResourceAlreadyExistsError,
  MlflowResourceDoesNotExistError,
} from './errors';
import { parseRunsUri } from './artifact-uri';
import type { Transport } from './http';
import { trackingApi } from './paths';
import type { ModelVersion } from './types';
import { toModelVersion, toRegisteredModel, wireModelVersion, wireRegisteredModel } from './wire-registry';
import { toKeyValues } from './wire-tracking';

const modelAnswer = z.object({ registered_model: wireRegisteredModel });
const versionAnswer = z.object({ model_version: wireModelVersion });
const searchAnswer = z.object({
  model_versions: z.array(wireModelVersion).default([]),
  next_page_token: z.string().optional(),
});
const empty = z.object({});

const pollIntervalMs = 250;

/** The run a source lives in (`runs:/<run>/...` or `mlflow-artifacts:/<exp>/<run>/artifacts/...`). */
export function runIdOfSource(source: string): string | undefined {
  const runs = parseRunsUri(source);
  if (runs !== undefined) return runs.runId;
  return /^mlflow-artifacts:\/[^/]+\/([0-9a-f]{32})\/artifacts(?:\/|$)/.exec(source)?.[1];
}

export function createRegistryApi(http: Transport): RegistryApi {
  const get = <S extends z.ZodType>(endpoint: string, query: Record<string, string>, schema: S) =>
    http.json({ method: 'GET', path: `${trackingApi}/${endpoint}`, query }, schema);
  const send = <S extends z.ZodType>(method: 'POST' | 'DELETE', endpoint: string, json: unknown, schema: S) =>
    http.json({ method, path: `${trackingApi}/${endpoint}`, json }, schema);

  const getRegisteredModel: RegistryApi['getRegisteredModel'] = async (name) =>
    toRegisteredModel((await get('registered-models/get', { name }, modelAnswer)).registered_model);

  const createRegisteredModel: RegistryApi['createRegisteredModel'] = async (name, options = {}) => {
    const json = { name, description: options.description, tags: toKeyValues(options.tags) };
    return toRegisteredModel(
      (await send('POST', 'registered-models/create', json, modelAnswer)).registered_model,
    );
  };

  /** True only when the model is readable and has no such alias. */
  const isAliasUnset = async (name: string, alias: string): Promise<boolean> => {
    const model = await getRegisteredModel(name).catch(() => undefined);
    return model !== undefined && !Object.hasOwn(model.aliases, alias);
  };

  const getModelVersion = async (name: string, version: string | number): Promise<ModelVersion> =>
    toModelVersion(
      (await get('model-versions/get', { name, version: String(version) }, versionAnswer)).model_version,
    );

  const waitForModelVersionReady: RegistryApi['waitForModelVersionReady'] = async (
    name,
    version,
    timeoutMs = 60_000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await getModelVersion(name, version);
      if (current.status === 'READY') return current;
      if (current.status === 'FAILED_REGISTRATION') {
        throw new MlflowError(
          `registering ${name} version ${version} failed: ${current.statusMessage ?? 'no reason given'}`,
          {
            code: 'FAILED_REGISTRATION',
          },
        );
      }
      if (Date.now() > deadline) {
        throw new MlflowError(
          `${name} version ${version} was not READY within ${timeoutMs} ms (still ${current.status})`,
          {
            code: 'TIMEOUT',
          },
        );
      }
      await sleep(pollIntervalMs);
    }
  };

  return {
    createRegisteredModel,
    getRegisteredModel,
    getModelVersion,
    waitForModelVersionReady,
    ensureRegisteredModel: async (name, options) => {
      try {
        return await createRegisteredModel(name, options);
      } catch (err) {
        if (!(err instanceof MlflowResourceAlreadyExistsError)) throw err;
        return getRegisteredModel(name);
      }
    },
    createModelVersion: async (options) => {
      const json = {
        name: options.name,
        source: options.source,
        // The server refuses a run's artifact path unless run_id names that run.
        run_id: options.runId ?? runIdOfSource(options.source),
        description: options.description,
        tags: toKeyValues(options.tags),
      };
      const created = toModelVersion(
        (await send('POST', 'model-versions/create', json, versionAnswer)).model_version,
      );
      if (options.waitForReady === false || created.status === 'READY') return created;
      return waitForModelVersionReady(created.name, created.version, options.readyTimeoutMs);
    },
    setAlias: async (name, alias, version) => {
      await send('POST', 'registered-models/alias', { name, alias, version: String(version) }, empty);
    },
    deleteAlias: async (name, alias) => {
      await send('DELETE', 'registered-models/alias', { name, alias }, empty);
    },
    getVersionByAlias: async (name, alias) => {
      try {
        return toModelVersion(
          (await get('registered-models/alias', { name, alias }, versionAnswer)).model_version,
        );
      } catch (err) {
        if (err instanceof MlflowResourceDoesNotExistError) return undefined; // no such model
        // An unset alias answers 400 INVALID_PARAMETER_VALUE, as any bad parameter
        // does: the model's own alias table says which it was.
        if (err instanceof MlflowInvalidParameterError && (await isAliasUnset(name, alias))) return undefined;
        throw err;
      }
    },
    searchVersions: async (options = {}) => {
      const query = {
        filter: options.filter,
        order_by: options.orderBy,
        max_results: options.maxResults,
        page_token: options.pageToken,
      };
      const path = `${trackingApi}/model-versions/search`;
      const answer = await http.json({ method: 'GET', path, query }, searchAnswer);
      return {
        items: answer.model_versions.map(toModelVersion),
        nextPageToken: answer.next_page_token || undefined,
      };
    },
    setVersionTag: async (name, version, key, value) => {
      const json = { name, version: String(version), key, value: String(value) };
      await send('POST', 'model-versions/set-tag', json, empty);
    },
  };
}
