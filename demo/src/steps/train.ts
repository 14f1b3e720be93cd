import type { DemoStep } from '../demo';
import { runCommand } from '../run-command';

/** Train `version` with the architecture of the same name into the demo's trained/ folder. */
export function trainStep(version: 'v1' | 'v2', why: string): DemoStep {
  return {
    title: `Train ${version}`,
    why,
    async run(demo) {
      const { paths, config } = demo;
      await runCommand(demo, 'node', [
        ...['data-science/dist/cli.js', 'train', '--version', version, '--arch', version],
        ...['--data', paths.data, '--out', paths.trained, '--reports', paths.reports],
        ...['--epochs', String(config.epochs), '--image-size', String(config.imageSize)],
      ]);
    },
  };
}
