// The dashboard's monitoring charts, drawn from GET /monitoring/ (the chart
// CLI's report figure, report-specs.mjs, uses the same histogram).
import {
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
 * Lines over time, one per series, above dashed threshold rules: the layered
 * chart the dashboard draws PSI, accuracy and confidence with.
 * @param {{ rows: { time: string, [key: string]: unknown }[], series: string, y: object, valueFormat: string, height: number, rules: { value: number, color: string }[], legendColumns?: number }} options
 *   series: the field that names each line; y: the encoding of the field "value"
 *   or another; valueFormat: d3-format of that field in the tooltip
 */
function linesOverTimeSpec({ rows, series, y, valueFormat, height, rules, legendColumns }) {
  const legend = { orient: 'bottom', title: null, ...(legendColumns ? { columns: legendColumns } : {}) };
  const value = /** @type {{ field: string }} */ (y).field;
  return {
    $schema: SCHEMA,
    width: 'container',
    height,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x: TIME_AXIS,
          y,
          color: { field: series, type: 'nominal', legend },
          tooltip: [
            { field: series },
            { field: value, format: valueFormat },
            { field: 'time', type: 'temporal' },
          ],
        },
      },
      ...ruleLayers(rules),
    ],
  };
}

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
  return linesOverTimeSpec({
    rows,
    series: 'feature',
    y: { field: 'psi', type: 'quantitative', title: 'PSI' },
    valueFormat: '.3f',
    height: 220,
    rules: PSI_RULES,
    legendColumns: 3,
  });
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
  return linesOverTimeSpec({
    rows,
    series: 'measure',
    y: {
      field: 'value',
      type: 'quantitative',
      scale: { domain: [0, 1] },
      axis: { format: '.0%' },
      title: null,
    },
    valueFormat: '.1%',
    height: 180,
    rules,
  });
}
