import type { Demo, DemoStep } from '../demo';
import { runCommand } from '../run-command';

/** ./update-models.sh <version>: copy a trained version into the model store, check it, switch deployed.json. */
export function promote(demo: Demo, version: string): Promise<void> {
  return runCommand(demo, './update-models.sh', [version], { MODEL_SOURCE_DIR: demo.paths.trained });
}

export const promoteV1Step: DemoStep = {
  title: 'Promote v1',
  why: 'copy it into the model store, check it loads and predicts, switch deployed.json atomically.',
  run: (demo) => promote(demo, 'v1'),
};
