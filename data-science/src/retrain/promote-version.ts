import path from 'node:path';
import { RetrainError } from './errors';
import { REPO_ROOT, runCommand, tail } from './run-command';

export interface PromoteOptions {
  version: string;
  /** The export folder holding <version>/. */
  sourceDir: string;
  storeDir: string;
  /** Registered model whose alias `champion` follows the promotion. */
  modelName: string;
  log: (line: string) => void;
}

/** Promote through ./update-models.sh (validation, atomic switch, MLflow alias `champion`). */
export async function promoteWithUpdateModels(options: PromoteOptions): Promise<void> {
  const result = await runCommand(path.join(REPO_ROOT, 'update-models.sh'), [options.version], {
    env: {
      MODEL_STORE_DIR: path.resolve(options.storeDir),
      MODEL_SOURCE_DIR: path.resolve(options.sourceDir),
      MODEL_NAME: options.modelName,
    },
    log: (line) => options.log(`[update-models] ${line}`),
  });
  if (result.code !== 0) {
    throw new RetrainError(
      'PROMOTION_FAILED',
      `./update-models.sh ${options.version} failed (exit ${result.code}); the deployed version is unchanged:\n${tail(result.stderr)}`,
    );
  }
}
