import { rollbackVersion, type DeployedPointer } from '@rings/ring-model';
import { setChampion, type CommandContext, type PromoteSummary } from './promote-command';

/** Deploy the previous version again, then move the champion alias to it. */
export async function rollbackCommand(
  ctx: CommandContext,
): Promise<DeployedPointer & { champion: PromoteSummary['champion'] }> {
  const pointer = await rollbackVersion({ storeDir: ctx.config.MODEL_STORE_DIR, onStep: ctx.onStep });
  const champion = await setChampion(pointer.version, ctx);
  if (champion !== 'set') ctx.warn(`MLflow alias champion ${champion}`);
  return { ...pointer, champion };
}
