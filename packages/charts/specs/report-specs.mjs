// The monitoring chart CLI's figure: a whole GET /monitoring/ report, every
// statistic drawn with the dashboard's baseline-against-live histogram.
import { ACCENT, LEVEL_COLOURS, SCHEMA, edgeLabel, histogramRows, histogramView } from './spec-parts.mjs';

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
