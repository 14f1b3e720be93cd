import type { DemoStep } from '../demo';
import { runCommand } from '../run-command';

export const installStep: DemoStep = {
  title: 'Install what is missing',
  why: 'npm dependencies, native TensorFlow, the MLflow server environment.',
  async run(demo) {
    await runCommand(demo, 'bash', ['scripts/setup.sh']);
    await runCommand(demo, 'npx', ['tsc', '-b', 'tsconfig.build.json']);
  },
};
