// Vega-Lite specs of the pages' charts: pure functions from API data to a spec,
// so the same specs can be rendered headlessly in Node.

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const ACCENT = '#2458c6';
const BASELINE = '#9aa3b2';
// The x encoding of every chart over time (monitoring history points).
const TIME_AXIS = {
  field: 'time',
  type: 'temporal',
  title: null,
  axis: { format: '%H:%M:%S', labelOverlap: true },
};

/**
 * Bars of a prediction's class probabilities, the predicted class highlighted.
 * @param {{ label: string, probability: number, predicted: boolean }[]} rows
 */
export function probabilitiesSpec(rows) {
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 180,
    data: { values: rows },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title: 'rings', axis: { labelAngle: 0 } },
      y: {
        field: 'probability',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
        title: 'probability',
      },
      color: { condition: { test: 'datum.predicted', value: ACCENT }, value: '#b7c5e4' },
      tooltip: [
        { field: 'label', title: 'rings' },
        { field: 'probability', format: '.1%' },
      ],
    },
  };
}

/**
 * Dashed horizontal rules at the given values (threshold lines), one layer each.
 * @param {{ value: number, color: string }[]} rules
 */
function ruleLayers(rules) {
  return rules.map(({ value, color }) => ({
    data: { values: [{ value }] },
    mark: { type: 'rule', strokeDash: [6, 4], color },
    encoding: { y: { field: 'value', type: 'quantitative' } },
  }));
}

/** Below this many predictions in the window, PSI is noise (the report's insufficient_data). */
const MIN_WINDOW = 30;

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
      ...ruleLayers([
        { value: 0.1, color: '#d08c00' },
        { value: 0.25, color: '#b3261e' },
      ]),
    ],
  };
}

/**
 * Share of each class among live predictions and in the training baseline.
 * @param {{ baseline_counts: number[], live_counts: number[] }} drift drift.predicted_class of the report
 * @param {string[]} names class names
 */
export function classDistributionSpec(drift, names) {
  const share = (/** @type {number[]} */ counts) => {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((c) => c / total);
  };
  const rows = [
    ...share(drift.baseline_counts).map((s, k) => ({
      label: names[k] ?? String(k),
      source: 'training baseline',
      share: s,
    })),
    ...share(drift.live_counts).map((s, k) => ({ label: names[k] ?? String(k), source: 'live', share: s })),
  ];
  return histogramSpec(rows, 'predicted rings');
}

/**
 * The confidence histogram, live against the training baseline.
 * @param {{ edges: number[], baseline_counts: number[], live_counts: number[] }} drift drift.confidence of the report
 */
export function confidenceDistributionSpec(drift) {
  const label = (/** @type {number} */ k) =>
    `${drift.edges[k].toPrecision(3)}–${drift.edges[k + 1].toPrecision(3)}`;
  const total = (/** @type {number[]} */ counts) => counts.reduce((a, b) => a + b, 0) || 1;
  const rows = ['baseline_counts', 'live_counts'].flatMap((key) => {
    const counts = /** @type {number[]} */ (
      key === 'live_counts' ? drift.live_counts : drift.baseline_counts
    );
    const source = key === 'live_counts' ? 'live' : 'training baseline';
    return counts.map((c, k) => ({ label: label(k), source, share: c / total(counts) }));
  });
  return histogramSpec(rows, 'confidence');
}

/**
 * Grouped bars: the share of each bin, baseline beside live.
 * @param {{ label: string, source: string, share: number }[]} rows
 * @param {string} title the x axis
 */
function histogramSpec(rows, title) {
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 200,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title, axis: { labelAngle: 0, labelOverlap: true } },
      xOffset: { field: 'source', sort: ['training baseline', 'live'] },
      y: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'share' },
      color: {
        field: 'source',
        type: 'nominal',
        sort: ['training baseline', 'live'],
        scale: { range: [BASELINE, ACCENT] },
        legend: { orient: 'bottom', title: null },
      },
      tooltip: [{ field: 'label', title }, { field: 'source' }, { field: 'share', format: '.1%' }],
    },
  };
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
