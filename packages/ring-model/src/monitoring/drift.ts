import type { Histogram } from '../metadata';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftLevel, type DriftThresholds } from './drift-thresholds';
import { histogramCounts } from './histogram';
import { ksTwoSample } from './ks';
import { populationStabilityIndex } from './psi';
import type { StatisticDrift } from './statistic-drift';

/** The baseline side of a comparison: a histogram, and order statistics when stored. */
export interface Reference {
  histogram: Histogram;
  samples?: readonly number[];
}

/** Compare a live window of one statistic with its reference (PSI for large windows, KS for small). */
export function compareWithBaseline(
  live: readonly number[],
  reference: Reference,
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): StatisticDrift {
  const liveCounts = histogramCounts(live, reference.histogram.edges);
  const result: StatisticDrift = {
    method: null,
    level: 'insufficient_data',
    psi: live.length > 0 ? populationStabilityIndex(reference.histogram.counts, liveCounts) : null,
    ks_statistic: null,
    ks_p_value: null,
    window_size: live.length,
    live_mean: mean(live),
    baseline_mean: reference.samples?.length ? mean(reference.samples) : histogramMean(reference.histogram),
    edges: [...reference.histogram.edges],
    baseline_counts: [...reference.histogram.counts],
    live_counts: liveCounts,
  };
  if (live.length > 0 && reference.samples?.length) {
    const ks = ksTwoSample(reference.samples, live);
    result.ks_statistic = ks.statistic;
    result.ks_p_value = ks.pValue;
  }
  if (live.length < thresholds.minWindow) return result;
  if (result.ks_p_value !== null) {
    result.method = 'psi+ks';
    result.level = lowerLevel(psiLevel(result.psi ?? 0, thresholds), ksLevel(result.ks_p_value, thresholds));
  } else if (live.length >= thresholds.psiMinWindow) {
    result.method = 'psi';
    result.level = psiLevel(result.psi ?? 0, thresholds);
  }
  return result;
}

/** Compare live predicted classes with the baseline's class counts (its full sample, so KS is exact). */
export function compareClasses(
  liveClasses: readonly number[],
  baselineCounts: readonly number[],
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): StatisticDrift {
  const edges = Array.from({ length: baselineCounts.length + 1 }, (_, k) => k);
  const scale = Math.min(1, 2000 / Math.max(1, sum(baselineCounts)));
  const samples = baselineCounts.flatMap((count, k) => new Array<number>(Math.round(count * scale)).fill(k));
  return compareWithBaseline(
    liveClasses,
    { histogram: { edges, counts: [...baselineCounts] }, samples },
    thresholds,
  );
}

const ORDER: DriftLevel[] = ['ok', 'warn', 'alert'];

/** The less severe of two levels. */
function lowerLevel(a: DriftLevel, b: DriftLevel): DriftLevel {
  return ORDER[Math.min(ORDER.indexOf(a), ORDER.indexOf(b))];
}

/** PSI at or above a threshold crosses it. */
export function psiLevel(psi: number, thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS): DriftLevel {
  if (psi >= thresholds.psiAlert) return 'alert';
  return psi >= thresholds.psiWarn ? 'warn' : 'ok';
}

/** A KS p-value below a threshold crosses it. */
export function ksLevel(pValue: number, thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS): DriftLevel {
  if (pValue < thresholds.ksAlertP) return 'alert';
  return pValue < thresholds.ksWarnP ? 'warn' : 'ok';
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function mean(values: readonly number[]): number | null {
  return values.length > 0 ? sum(values) / values.length : null;
}

/** Mean of a histogram, each bin at its midpoint (used when no samples were stored). */
function histogramMean(h: Histogram): number | null {
  const total = sum(h.counts);
  if (total === 0) return null;
  return h.counts.reduce((acc, c, i) => acc + c * ((h.edges[i] + h.edges[i + 1]) / 2), 0) / total;
}
