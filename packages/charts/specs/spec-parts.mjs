// Pieces the chart specs share: colours, the time axis, threshold rules and
// the baseline-against-live histogram. Pure data, no DOM and no Node: the same
// file runs in the browser pages and in the Node renderer.

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const ACCENT = '#2458c6';
export const BASELINE = '#9aa3b2';
export const LEVEL_COLOURS = { ok: '#2e7d32', warn: '#d08c00', alert: '#b3261e', none: '#607080' };

/** The x encoding of every chart over time (monitoring history points). */
export const TIME_AXIS = {
  field: 'time',
  type: 'temporal',
  title: null,
  axis: { format: '%H:%M:%S', labelOverlap: true },
};

/**
 * Dashed horizontal rules at the given values (threshold lines), one layer each.
 * @param {{ value: number, color: string }[]} rules
 */
export function ruleLayers(rules) {
  return rules.map(({ value, color }) => ({
    data: { values: [{ value }] },
    mark: { type: 'rule', strokeDash: [6, 4], color },
    encoding: { y: { field: 'value', type: 'quantitative' } },
  }));
}

/**
 * Each count's share of the total (all zeros when the total is zero).
 * @param {number[]} counts
 */
export function shares(counts) {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / total);
}

const SOURCES = ['training baseline', 'live'];

/**
 * Rows of a baseline-against-live histogram, one per bin and source.
 * @param {{ baseline_counts: number[], live_counts: number[] }} drift a statistic of the report's drift
 * @param {(bin: number) => string} label the name of bin k
 */
export function histogramRows(drift, label) {
  return [drift.baseline_counts, drift.live_counts].flatMap((counts, s) =>
    shares(counts).map((share, k) => ({ label: label(k), source: SOURCES[s], share })),
  );
}

/**
 * Bin k of a histogram over edges, as "low–high".
 * @param {number[]} edges
 */
export const edgeLabel = (edges) => (/** @type {number} */ k) =>
  `${edges[k].toPrecision(3)}–${edges[k + 1].toPrecision(3)}`;

/**
 * Grouped bars, the share of each bin with baseline beside live: a unit view
 * with no size or schema, to stand alone or inside a concatenation.
 * @param {{ label: string, source: string, share: number }[]} rows
 * @param {string} title the x axis
 */
export function histogramView(rows, title) {
  return {
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title, axis: { labelAngle: 0, labelOverlap: true } },
      xOffset: { field: 'source', sort: SOURCES },
      y: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'share' },
      color: {
        field: 'source',
        type: 'nominal',
        sort: SOURCES,
        scale: { range: [BASELINE, ACCENT] },
        legend: { orient: 'bottom', title: null },
      },
      tooltip: [{ field: 'label', title }, { field: 'source' }, { field: 'share', format: '.1%' }],
    },
  };
}
