/** Result of a two-sample Kolmogorov-Smirnov test. */
export interface KsResult {
  /** D: the largest gap between the two empirical CDFs, in [0, 1]. */
  statistic: number;
  /** Two-sided p-value: probability of a gap at least D if both samples come from one distribution. */
  pValue: number;
  /** exact: lattice-path count (small samples); asymp: Kolmogorov's limit distribution. */
  method: 'exact' | 'asymp';
}

/** Above this n * m, the exact p-value (O(n * m)) gives way to the asymptotic one. */
export const KS_EXACT_LIMIT = 1_000_000;

/**
 * Two-sample, two-sided KS test (what scipy.stats.ks_2samp computes). The
 * p-value assumes continuous data; with ties (discrete statistics) it is
 * conservative. Non-finite values are ignored.
 */
export function ksTwoSample(
  a: readonly number[],
  b: readonly number[],
  method: 'auto' | 'exact' | 'asymp' = 'auto',
): KsResult {
  const x = a.filter(Number.isFinite).sort((p, q) => p - q);
  const y = b.filter(Number.isFinite).sort((p, q) => p - q);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) throw new RangeError('the KS test needs two non-empty samples');
  const gap = ksStatistic(x, y);
  const exact = method === 'exact' || (method === 'auto' && n * m <= KS_EXACT_LIMIT);
  if (exact) return { statistic: gap.d, pValue: exactPValue(n, m, gap.scaled), method: 'exact' };
  const lambda = Math.sqrt((n * m) / (n + m)) * gap.d;
  return { statistic: gap.d, pValue: kolmogorovSurvival(lambda), method: 'asymp' };
}

/** D, and D * n * m as an integer (exact lattice arithmetic), from two ascending samples. */
function ksStatistic(x: readonly number[], y: readonly number[]): { d: number; scaled: number } {
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let scaled = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    scaled = Math.max(scaled, Math.abs(i * m - j * n));
  }
  return { d: scaled / (n * m), scaled };
}

/**
 * P(D >= d) for samples of n and m: one minus the share of monotone lattice
 * paths from (0,0) to (n,m) that stay strictly inside |i/n - j/m| < d. Each
 * cell holds paths / binomial(i+j, i), so nothing overflows.
 */
function exactPValue(n: number, m: number, scaledD: number): number {
  const inside = (i: number, j: number): boolean => Math.abs(i * m - j * n) < scaledD;
  const row = new Float64Array(m + 1);
  row[0] = 1;
  for (let j = 1; j <= m; j++) row[j] = inside(0, j) ? row[j - 1] : 0;
  for (let i = 1; i <= n; i++) {
    row[0] = inside(i, 0) ? row[0] : 0;
    for (let j = 1; j <= m; j++) {
      row[j] = inside(i, j) ? (row[j] * i + row[j - 1] * j) / (i + j) : 0;
    }
  }
  return clamp01(1 - row[m]);
}

/**
 * Survival function of Kolmogorov's distribution, Q(λ) = P(K > λ):
 * 2 Σ (-1)^(k-1) exp(-2 k² λ²) for large λ, and the Jacobi-theta form
 * 1 - √(2π)/λ Σ exp(-(2k-1)² π² / (8 λ²)) for small λ, where each converges fast.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    let sum = 0;
    for (let k = 1; k <= 50; k++) {
      sum += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
    }
    return clamp01(1 - (Math.sqrt(2 * Math.PI) / lambda) * sum);
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return clamp01(2 * sum);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
