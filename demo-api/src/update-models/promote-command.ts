import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelVersion } from '@rings/mlflow-client';
import {
  assertVersionName,
  ModelStoreError,
  promoteVersion,
  storePaths,
  type PromoteResult,
  type PromotionStep,
} from '@rings/ring-model';
import type { PromoteConfig } from '../config';
import type { RegistrySource } from './mlflow-source';

/** A step of update-models: the store's promotion steps, then the MLflow alias. */
export type CommandStep = PromotionStep | 'alias-set';

export interface CommandContext {
  config: PromoteConfig;
  registry: RegistrySource;
  onStep: (step: CommandStep) => void | Promise<void>;
  /** Non-fatal problems (MLflow unreachable, alias not set). */
  warn: (message: string) => void;
}

export interface PromoteSummary extends PromoteResult {
  /** Where the files came from. */
  source: 'local' | 'store' | 'mlflow';
  /** Whether the MLflow alias champion now names this version, or why not. */
  champion: 'set' | `not set: ${string}`;
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await fs.stat(dir).catch(() => null))?.isDirectory() ?? false;
}

/** Find the registry version and download it into a fresh temporary folder. */
async function downloadFromMlflow(
  version: string,
  ctx: CommandContext,
): Promise<{ dir: string; mv: ModelVersion }> {
  const { registry, config } = ctx;
  if (!(await registry.isReachable())) {
    throw new ModelStoreError(
      'VERSION_NOT_FOUND',
      `cannot download ${version}: MLflow at ${registry.trackingUri} is unreachable (start it with npm run mlflow, or set MLFLOW_TRACKING_URI)`,
    );
  }
  const mv = await registry.findVersion(version);
  if (!mv) {
    throw new ModelStoreError(
      'VERSION_NOT_FOUND',
      `${version} is not a version of the registered model ${config.MODEL_NAME} in MLflow (no version tagged ring.version_name=${version}${/^v\d+$/.test(version) ? `, no version ${version.slice(1)}` : ''})`,
    );
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `update-models-${version}-`));
  await registry.download(mv, dir);
  return { dir, mv };
}

/** Point the champion alias at the promoted version; a warning, never a failure. */
export async function setChampion(
  version: string,
  ctx: CommandContext,
  known?: ModelVersion,
): Promise<PromoteSummary['champion']> {
  try {
    if (!known && !(await ctx.registry.isReachable())) {
      return `not set: MLflow at ${ctx.registry.trackingUri} is unreachable`;
    }
    const mv = known ?? (await ctx.registry.findVersion(version));
    if (!mv) return `not set: ${version} is not registered in MLflow as ${ctx.config.MODEL_NAME}`;
    await ctx.registry.setChampion(mv);
    await ctx.onStep('alias-set');
    return 'set';
  } catch (err) {
    return `not set: ${(err as Error).message}`;
  }
}

/**
 * Promote a version: from data-science/models/<version>/ when it is there (or
 * --source), else from the store when it already holds it, else (or with
 * --from-mlflow) downloaded from the MLflow registry. Then the champion alias.
 */
export async function promoteCommand(
  input: { version: string; fromMlflow: boolean; sourceDir?: string },
  ctx: CommandContext,
): Promise<PromoteSummary> {
  const { version } = input;
  assertVersionName(version);
  const local = input.sourceDir ?? path.join(ctx.config.MODEL_SOURCE_DIR, version);
  let source: PromoteSummary['source'];
  let download: { dir: string; mv: ModelVersion } | undefined;
  if (!input.fromMlflow && (await isDirectory(local))) source = 'local';
  else if (
    !input.fromMlflow &&
    (await isDirectory(storePaths(ctx.config.MODEL_STORE_DIR).version(version)))
  ) {
    source = 'store';
  } else {
    download = await downloadFromMlflow(version, ctx);
    source = 'mlflow';
  }
  try {
    const sourceDir = source === 'local' ? local : download?.dir;
    const result = await promoteVersion({
      storeDir: ctx.config.MODEL_STORE_DIR,
      version,
      sourceDir,
      onStep: ctx.onStep,
    });
    const champion = await setChampion(version, ctx, download?.mv);
    if (champion !== 'set') ctx.warn(`MLflow alias champion ${champion}`);
    return { ...result, source, champion };
  } finally {
    if (download) await fs.rm(download.dir, { recursive: true, force: true });
  }
}
