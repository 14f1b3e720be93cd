// Download one registry version's model files, and nothing else: model.json,
// the weight files it names (plain names, checked before any is fetched) and
// metadata.json, each under a size cap.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MlflowArtifactTooLargeError, type MlflowClient } from '@rings/mlflow-client';
import { MODEL_FILES, ModelStoreError, readWeightsManifest } from '@rings/ring-model/core';
import type { DownloadLimits } from './download-limits';

/** What was fetched, by name. */
export interface DownloadedFiles {
  files: string[];
}

function tooLarge(what: string, err: MlflowArtifactTooLargeError, variable: string): ModelStoreError {
  return new ModelStoreError(
    'MODEL_INVALID',
    `${what}: ${err.message}; refused (raise ${variable} if the model is genuinely that large)`,
    { cause: err },
  );
}

/**
 * Fetch `source` (a registry version's artifact URI) into dir. Throws
 * MODEL_INVALID when model.json names files outside its folder or too many,
 * or when a file is larger than `limits` allow (the download stops there).
 */
export async function downloadModelVersion(
  client: MlflowClient,
  source: string,
  dir: string,
  limits: DownloadLimits,
  what: string,
): Promise<DownloadedFiles> {
  const fetch = async (name: string, maxBytes: number, variable: string): Promise<void> => {
    try {
      await client.artifacts.downloadFile(source, name, path.join(dir, name), { maxBytes });
    } catch (err) {
      throw err instanceof MlflowArtifactTooLargeError ? tooLarge(what, err, variable) : err;
    }
  };
  await fetch(MODEL_FILES.model, limits.MODEL_DOWNLOAD_MAX_JSON_BYTES, 'MODEL_DOWNLOAD_MAX_JSON_BYTES');
  const { weightFiles } = await readWeightsManifest(dir);
  if (weightFiles.length > limits.MODEL_DOWNLOAD_MAX_WEIGHT_FILES) {
    throw new ModelStoreError(
      'MODEL_INVALID',
      `${what}: model.json names ${weightFiles.length} weight files, more than MODEL_DOWNLOAD_MAX_WEIGHT_FILES (${limits.MODEL_DOWNLOAD_MAX_WEIGHT_FILES}); refused`,
    );
  }
  let budget = limits.MODEL_DOWNLOAD_MAX_WEIGHTS_BYTES;
  for (const name of weightFiles) {
    await fetch(name, budget, 'MODEL_DOWNLOAD_MAX_WEIGHTS_BYTES');
    budget -= (await fs.stat(path.join(dir, name))).size; // what is left for the next files
  }
  await fetch(MODEL_FILES.metadata, limits.MODEL_DOWNLOAD_MAX_JSON_BYTES, 'MODEL_DOWNLOAD_MAX_JSON_BYTES');
  return { files: [MODEL_FILES.model, ...weightFiles, MODEL_FILES.metadata] };
}
