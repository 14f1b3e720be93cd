import path from 'node:path';
import type { Demo, DemoStep } from '../demo';
import { readEvaluation, summarizeEvaluation } from '../evaluation-summary';
import { runCommand } from '../run-command';

/** The data folders a version trains on, as the train command's flags. */
function dataFlags(demo: Demo, version: 'v1' | 'v2'): string[] {
  const { data, chemblData } = demo.paths;
  // Named folders: the evaluation reports each source's test split apart.
  const nci = ['--data', `nci=${data}`];
  return version === 'v1' ? nci : [...nci, '--extra-data', `chembl=${chemblData}`];
}

/** Train `version` with its recipe (config.recipes) into the demo's trained/ folder. */
export function trainStep(version: 'v1' | 'v2', why: string): DemoStep {
  return {
    title: `Train ${version}`,
    why,
    async run(demo) {
      const { paths } = demo;
      const recipe = demo.config.recipes[version];
      await runCommand(demo, 'node', [
        ...['data-science/dist/cli.js', 'train', '--version', version, '--arch', recipe.arch],
        ...dataFlags(demo, version),
        ...['--out', paths.trained, '--reports', paths.reports],
        ...['--epochs', String(recipe.epochs), '--image-size', String(recipe.imageSize)],
        ...(recipe.learningRate === undefined ? [] : ['--learning-rate', String(recipe.learningRate)]),
        ...(recipe.classWeight === undefined ? [] : ['--class-weight', recipe.classWeight]),
        ...(recipe.augment ? [] : ['--no-augment']),
      ]);
      const evaluation = readEvaluation(path.join(paths.reports, version, 'evaluation.json'));
      for (const line of summarizeEvaluation(version, evaluation)) console.log(`   ${line}`);
    },
  };
}
