import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ModelVersion } from '@rings/mlflow-client';
import {
  assertVersionName,
  promoteVersion,
  storePaths,
  type PromoteResult,
  type PromotionStep,
} from '@rings/ring-model';
import type { PromoteConfig } from '../config';
import { describeVersion, type RegistrySource } from './mlflow-source';
import { downloadFromMlflow, registryProvenance } from './registry-download';

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
  /** The source in words: the export folder, the store, or the registry version and server. */
  origin: string;
  /** Whether the MLflow alias champion now names this version, or why not. */
  champion: 'set' | `not set: ${string}`;
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await fs.stat(dir).catch(() => null))?.isDirectory() ?? false;
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
 * --from-mlflow) downloaded from the MLflow registry, whose files must match
 * the sha256 recorded for them. Then the champion alias.
 */
export async function promoteCommand(
  input: { version: string; fromMlflow: boolean; sourceDir?: string; keepAlias?: boolean },
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
    download = await downloadFromMlflow(version, ctx.registry, ctx.config.MODEL_NAME);
    source = 'mlflow';
  }
  const origin = download
    ? `${describeVersion(ctx.config.MODEL_NAME, download.mv)} at ${ctx.registry.trackingUri}`
    : source === 'local'
      ? local
      : 'the model store';
  if (download && !input.fromMlflow) {
    ctx.warn(`no local export at ${local} and the store does not hold ${version}: promoting ${origin}`);
  }
  try {
    const result = await promoteVersion({
      storeDir: ctx.config.MODEL_STORE_DIR,
      version,
      sourceDir: source === 'local' ? local : download?.dir,
      provenance: download && registryProvenance(download.mv, ctx.config.MODEL_NAME),
      onStep: ctx.onStep,
    });
    if (result.provenance === 'unrecorded') {
      ctx.warn(
        `${version} records no sha256 of its files (exported before training recorded them): promoted from ${origin} without checking its files`,
      );
    }
    const champion = input.keepAlias
      ? 'not set: --keep-alias'
      : await setChampion(version, ctx, download?.mv);
    if (champion !== 'set' && !input.keepAlias) ctx.warn(`MLflow alias champion ${champion}`);
    return { ...result, source, origin, champion };
  } finally {
    if (download) await fs.rm(download.dir, { recursive: true, force: true });
  }
}
