// The monitoring charts: the dashboard draws them from GET /monitoring/, and the
// monitoring chart CLI draws a whole report as one figure of the same histograms.
import {
  ACCENT,
  LEVEL_COLOURS,
  SCHEMA,
  TIME_AXIS,
  edgeLabel,
  histogramRows,
  histogramView,
  ruleLayers,
} from './spec-parts.mjs';

/** Below this many predictions in the window, PSI is noise (the report's insufficient_data). */
const MIN_WINDOW = 30;
const PSI_RULES = [
  { value: 0.1, color: LEVEL_COLOURS.warn },
  { value: 0.25, color: LEVEL_COLOURS.alert },
];

/**
 * PSI of each monitored feature over time, with the 0.1 and 0.25 lines.
 * @param {{ time: string, window_size: number, psi: Record<string, number | null> }[]} points
 */
export function driftOverTimeSpec(points) {
  const rows = points
    .filter((p) => p.window_size >= MIN_WINDOW)
    .flatMap((p) =>
      Object.entries(p.psi)
        .filter(([, psi]) => psi !== null)
        .map(([feature, psi]) => ({ time: p.time, feature, psi })),
    );
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 220,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x: TIME_AXIS,
          y: { field: 'psi', type: 'quantitative', title: 'PSI' },
          color: { field: 'feature', type: 'nominal', legend: { orient: 'bottom', columns: 3, title: null } },
          tooltip: [
            { field: 'feature' },
            { field: 'psi', format: '.3f' },
            { field: 'time', type: 'temporal' },
          ],
        },
      },
      ...ruleLayers(PSI_RULES),
    ],
  };
}

/**
 * A histogram that fills its container (the dashboard's distribution charts).
 * @param {{ label: string, source: string, share: number }[]} rows
 * @param {string} title the x axis
 */
function histogramSpec(rows, title) {
  return { $schema: SCHEMA, width: 'container', height: 200, ...histogramView(rows, title) };
}

/**
 * Share of each class among live predictions and in the training baseline.
 * @param {{ baseline_counts: number[], live_counts: number[] }} drift drift.predicted_class of the report
 * @param {string[]} names class names
 */
export function classDistributionSpec(drift, names) {
  const rows = histogramRows(drift, (k) => names[k] ?? String(k));
  return histogramSpec(rows, 'predicted rings');
}

/**
 * The confidence histogram, live against the training baseline.
 * @param {{ edges: number[], baseline_counts: number[], live_counts: number[] }} drift drift.confidence of the report
 */
export function confidenceDistributionSpec(drift) {
  return histogramSpec(histogramRows(drift, edgeLabel(drift.edges)), 'confidence');
}

/**
 * One or more measures over time (accuracy, confidence), with threshold lines.
 * @param {{ time: string, [key: string]: unknown }[]} points history points
 * @param {Record<string, string>} measures field of a point -> its name on the chart
 * @param {{ value: number, color: string }[]} rules
 */
export function measuresOverTimeSpec(points, measures, rules = []) {
  const rows = points.flatMap((p) =>
    Object.entries(measures)
      .filter(([field]) => typeof p[field] === 'number')
      .map(([field, name]) => ({ time: p.time, measure: name, value: p[field] })),
  );
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 180,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x: TIME_AXIS,
          y: {
            field: 'value',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
            title: null,
          },
          color: { field: 'measure', type: 'nominal', legend: { orient: 'bottom', title: null } },
          tooltip: [
            { field: 'measure' },
            { field: 'value', format: '.1%' },
            { field: 'time', type: 'temporal' },
          ],
        },
      },
      ...ruleLayers(rules),
    ],
  };
}

/** @typedef {{ level: string, psi: number | null, ks_p_value: number | null, edges: number[], baseline_counts: number[], live_counts: number[] }} StatisticDrift */

/**
 * "PSI 0.12 · KS p 3.0e-4": the figures behind a statistic's level.
 * @param {StatisticDrift} drift
 */
function figures(drift) {
  const psi = drift.psi === null ? 'PSI -' : `PSI ${drift.psi.toFixed(2)}`;
  const p = drift.ks_p_value;
  const ks = p === null ? '' : p === 0 ? ' · KS p < 1e-16' : ` · KS p ${p.toExponential(1)}`;
  return `${psi}${ks}`;
}

/**
 * One panel of the report figure: a statistic's histogram, its level in the title.
 * @param {string} name
 * @param {StatisticDrift} drift
 */
function statisticPanel(name, drift) {
  const level = drift.level === 'insufficient_data' ? 'too few' : drift.level;
  const label = name === 'predicted_class' ? String : edgeLabel(drift.edges);
  return {
    title: {
      text: `${name}: ${level}`,
      subtitle: figures(drift),
      color: LEVEL_COLOURS[/** @type {'ok' | 'warn' | 'alert'} */ (drift.level)] ?? LEVEL_COLOURS.none,
    },
    width: 240,
    height: 140,
    ...histogramView(histogramRows(drift, label), name === 'predicted_class' ? 'rings' : 'bin'),
  };
}

/**
 * A whole GET /monitoring/ report as one figure: the baseline against the live
 * window for every monitored statistic, with its drift level (the chart CLI's).
 * @param {{ model_version: string | null, window: { size: number }, recommendation: { retraining_recommended: boolean }, drift: { predicted_class?: StatisticDrift | null, confidence?: StatisticDrift | null, inputs: Record<string, StatisticDrift> } }} report
 */
export function reportDistributionsSpec(report) {
  const { predicted_class, confidence, inputs } = report.drift;
  const statistics = Object.entries({ predicted_class, confidence, ...inputs }).filter(([, d]) => d);
  const verdict = report.recommendation.retraining_recommended
    ? 'retraining recommended'
    : 'no retraining needed';
  return {
    $schema: SCHEMA,
    title: {
      text: `model ${report.model_version ?? '-'} · ${report.window.size} predictions in the window · ${verdict}`,
      anchor: 'start',
      offset: 14,
      color: report.recommendation.retraining_recommended ? LEVEL_COLOURS.alert : ACCENT,
    },
    columns: 4,
    resolve: { scale: { color: 'shared' } },
    concat: statistics.map(([name, drift]) => statisticPanel(name, /** @type {StatisticDrift} */ (drift))),
  };
}
