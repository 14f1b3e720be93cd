import type { ModelVersion } from '@rings/mlflow-client';
import { assertVersionName, ModelStoreError } from '@rings/ring-model/core';
import type { CommandContext } from './promote-command';
import { MlflowUnreachableError } from './errors';
import { CHAMPION_ALIAS, versionNameOf } from './mlflow-source';

/** What moving the alias did. */
export interface MoveAliasResult {
  version: string;
  registry_version: string;
  alias: string;
  /** The version the alias named before (null: it was not set). */
  previous: string | null;
  moved: boolean;
}

/**
 * MODEL_SOURCE=registry: promoting is moving the champion alias to the
 * version; every API replica following the alias downloads, verifies and
 * serves it. Nothing is written to a store here.
 */
export async function moveAliasCommand(version: string, ctx: CommandContext): Promise<MoveAliasResult> {
  assertVersionName(version);
  const { registry, config } = ctx;
  if (!(await registry.isReachable())) {
    throw new MlflowUnreachableError(
      `cannot move ${config.MODEL_NAME}@${CHAMPION_ALIAS}: MLflow at ${registry.trackingUri} is unreachable`,
    );
  }
  const mv: ModelVersion | undefined = await registry.findVersion(version);
  if (!mv) {
    throw new ModelStoreError(
      'VERSION_NOT_FOUND',
      `${version} is not a version of the registered model ${config.MODEL_NAME} in MLflow; train and register it first`,
    );
  }
  const before = await registry.versionByAlias(CHAMPION_ALIAS);
  const result = {
    version,
    registry_version: mv.version,
    alias: `${config.MODEL_NAME}@${CHAMPION_ALIAS}`,
    previous: before ? versionNameOf(before) : null,
    moved: before?.version !== mv.version,
  };
  if (result.moved) {
    await registry.setChampion(mv);
    await ctx.onStep('alias-set');
  }
  return result;
}
