// The run's report files: evaluation.json, history.json and the plots, each a
// PNG with the Vega-Lite spec that drew it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { renderCharts, writeChartFiles, type ChartRequest } from '@rings/charts';
import type { EvaluationReport } from './evaluate';
import type { EpochLog } from './train';

/** What writeReports writes. */
export interface ReportInput {
  version: string;
  evaluation: EvaluationReport;
  history: readonly EpochLog[];
}

type Scores = { accuracy: number; mae: number; confusion_matrix: number[][] };

/** The plots of a run by file name: learning curves, then a confusion matrix overall and per source. */
function plotRequests(input: ReportInput): Array<[string, ChartRequest]> {
  const confusion = (what: string, m: Scores): ChartRequest => ({
    chart: 'confusionMatrixSpec',
    args: [
      m.confusion_matrix,
      input.evaluation.labels,
      `${input.version}, ${what}: accuracy ${m.accuracy.toFixed(3)}, MAE ${m.mae.toFixed(3)}`,
    ],
  });
  return [
    [
      'learning-curves',
      { chart: 'learningCurvesSpec', args: [input.history, `${input.version}: learning curves`] },
    ],
    ['confusion-matrix', confusion('all test images', input.evaluation)],
    ...Object.entries(input.evaluation.by_source).map(([source, m]): [string, ChartRequest] => [
      `confusion-matrix-${source}`,
      confusion(`test images from ${source}`, m),
    ]),
  ];
}

/**
 * Write <dir>/evaluation.json, history.json and, under plots/, learning-curves,
 * confusion-matrix and confusion-matrix-<source>, each as .png and .vl.json.
 * @returns the files written, relative to dir
 */
export async function writeReports(dir: string, input: ReportInput): Promise<string[]> {
  const plots = plotRequests(input);
  const charts = await renderCharts(plots.map(([, request]) => request));
  await fs.mkdir(dir, { recursive: true });
  await writeJson(path.join(dir, 'evaluation.json'), input.evaluation);
  await writeJson(path.join(dir, 'history.json'), input.history);
  const plotFiles = await Promise.all(
    charts.map((chart, i) => writeChartFiles(chart, path.join(dir, 'plots'), plots[i][0])),
  );
  return ['evaluation.json', 'history.json', ...plotFiles.flat().map((f) => `plots/${f}`)];
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
