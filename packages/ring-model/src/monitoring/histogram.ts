import type { Histogram } from '../metadata';

/**
 * Bin of a value over ascending edges: bin i holds [edges[i], edges[i+1]), the
 * last bin includes its upper edge, and values outside the edges fall into the
 * first or last bin (so live data beyond the baseline's range still counts).
 */
export function binIndex(value: number, edges: readonly number[]): number {
  const last = edges.length - 2;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Counts of finite values per bin over fixed edges (NaN and infinities are ignored). */
export function histogramCounts(values: Iterable<number>, edges: readonly number[]): number[] {
  if (edges.length < 2) throw new RangeError('a histogram needs at least two edges');
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) if (Number.isFinite(v)) counts[binIndex(v, edges)]++;
  return counts;
}

/** Linear-interpolated quantile (numpy's default) of an ascending array; q in [0, 1]. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const pos = q * (sorted.length - 1);
  const below = Math.floor(pos);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (pos - below);
}

/**
 * Edges for a histogram with (up to) `bins` equally populated bins on these
 * values: the observed minimum and maximum outside, quantiles inside, repeated
 * edges merged (discrete statistics get fewer bins). Once stored in the
 * baseline the edges are fixed: live windows are binned with the same edges.
 */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [0, 1];
  const edges = [sorted[0]];
  for (let k = 1; k < bins; k++) pushAscending(edges, roundSignificant(quantileSorted(sorted, k / bins)));
  pushAscending(edges, sorted[sorted.length - 1]);
  if (edges.length === 1) edges.push(edges[0] + 1); // a constant statistic: one bin
  return edges;
}

function pushAscending(edges: number[], value: number): void {
  if (value > edges[edges.length - 1]) edges.push(value);
}

/** A histogram of values over edges chosen by quantileEdges. */
export function quantileHistogram(values: readonly number[], bins: number): Histogram {
  const edges = quantileEdges(values, bins);
  return { edges, counts: histogramCounts(values, edges) };
}

/** Round to 6 significant digits: enough for monitoring, and metadata.json stays readable. */
export function roundSignificant(value: number, digits = 6): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
}

/** Up to `count` evenly spaced order statistics of the values (all of them, sorted, if fewer). */
export function orderStatistics(values: readonly number[], count: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length <= count) return sorted.map((v) => roundSignificant(v));
  return Array.from({ length: count }, (_, k) =>
    roundSignificant(sorted[Math.round((k * (sorted.length - 1)) / (count - 1))]),
  );
}
