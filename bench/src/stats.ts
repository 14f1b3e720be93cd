/** Median, range and relative spread of repeated measurements of one figure. */
export interface Summary {
  /** How many samples. */
  n: number;
  median: number;
  min: number;
  max: number;
  /** Half the range relative to the median (0.05 means ±5%); 0 for one sample. */
  spread: number;
}

/** Summarize repeated measurements; throws on an empty or non-finite list. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('no samples to summarize');
  if (samples.some((s) => !Number.isFinite(s)))
    throw new RangeError(`non-finite sample in [${samples.join(', ')}]`);
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const spread = median === 0 ? 0 : (max - min) / 2 / Math.abs(median);
  return { n: samples.length, median, min, max, spread };
}

/** A ratio of two summarized figures with the range their spreads allow. */
export interface Ratio {
  /** median(numerator) / median(denominator) */
  value: number;
  /** the lowest the ratio could be given the ranges: min / max */
  low: number;
  /** the highest: max / min */
  high: number;
}

/** Ratio of medians, with the range implied by both figures' min and max. */
export function ratioOf(numerator: Summary, denominator: Summary): Ratio {
  if (denominator.median === 0 || denominator.min <= 0) {
    throw new RangeError('the denominator of a ratio must be positive');
  }
  return {
    value: numerator.median / denominator.median,
    low: numerator.min / denominator.max,
    high: numerator.max / denominator.min,
  };
}

/** A goal on a ratio, e.g. ">= 2" (at least twice) or "<= 1.1" (within 10%). */
export interface Goal {
  op: '>=' | '<=';
  target: number;
}

/** Whether a ratio meets its goal (on the median ratio). */
export function meetsGoal(value: number, goal: Goal): boolean {
  return goal.op === '>=' ? value >= goal.target : value <= goal.target;
}
