// The run's report files: evaluation.json, history.json and PNG plots.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EvaluationReport } from './evaluate';
import { confusionMatrixSvg, learningCurvesSvg, writePng } from './plots';
import type { EpochLog } from './train';

/** What writeReports writes. */
export interface ReportInput {
  version: string;
  evaluation: EvaluationReport;
  history: readonly EpochLog[];
}

/**
 * Write <dir>/evaluation.json, history.json, plots/learning-curves.png,
 * plots/confusion-matrix.png and plots/confusion-matrix-<source>.png.
 * @returns the files written, relative to dir
 */
export async function writeReports(dir: string, input: ReportInput): Promise<string[]> {
  const plots = path.join(dir, 'plots');
  await fs.mkdir(plots, { recursive: true });
  const files: [string, () => Promise<void>][] = [
    ['evaluation.json', () => writeJson(path.join(dir, 'evaluation.json'), input.evaluation)],
    ['history.json', () => writeJson(path.join(dir, 'history.json'), input.history)],
    [
      'plots/learning-curves.png',
      () =>
        writePng(
          learningCurvesSvg(input.history, `${input.version}: learning curves`),
          path.join(plots, 'learning-curves.png'),
        ),
    ],
    [
      'plots/confusion-matrix.png',
      () =>
        writePng(
          confusionSvg(input, 'all test images', input.evaluation),
          path.join(plots, 'confusion-matrix.png'),
        ),
    ],
  ];
  for (const [source, metrics] of Object.entries(input.evaluation.by_source)) {
    const name = `plots/confusion-matrix-${source}.png`;
    files.push([
      name,
      () => writePng(confusionSvg(input, `test images from ${source}`, metrics), path.join(dir, name)),
    ]);
  }
  await Promise.all(files.map(([, write]) => write()));
  return files.map(([name]) => name);
}

function confusionSvg(
  input: ReportInput,
  what: string,
  m: { accuracy: number; mae: number; confusion_matrix: number[][] },
): string {
  const title = `${input.version}, ${what}: accuracy ${m.accuracy.toFixed(3)}, MAE ${m.mae.toFixed(3)}`;
  return confusionMatrixSvg(m.confusion_matrix, input.evaluation.labels, title);
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
