import { compareClasses, compareWithBaseline, ksLevel, psiLevel } from './drift';
import { DEFAULT_DRIFT_THRESHOLDS } from './drift-thresholds';
import { orderStatistics, quantileHistogram } from './histogram';

/** Deterministic values in [0, 1), spread evenly enough to stand for a statistic. */
const spread = (i: number): number => ((i * 37) % 101) / 101;

const reference = (values: number[]) => ({
  histogram: quantileHistogram(values, 10),
  samples: orderStatistics(values, 200),
});
const baselineValues = Array.from({ length: 1000 }, (_, i) => spread(i * 13 + 5));

describe('compareWithBaseline', () => {
  it('when the window is smaller than minWindow, then the level is insufficient_data', () => {
    const live = baselineValues.slice(0, 10).map((v) => v + 5);
    const result = compareWithBaseline(live, reference(baselineValues));
    expect(result.level).toBe('insufficient_data');
    expect(result.method).toBeNull();
    expect(result.window_size).toBe(10);
  });

  it('when a small window comes from the same distribution, then PSI and KS say ok', () => {
    const live = Array.from({ length: 60 }, (_, i) => spread(i * 7 + 3));
    const result = compareWithBaseline(live, reference(baselineValues));
    expect(result.method).toBe('psi+ks');
    expect(result.level).toBe('ok');
    expect(result.ks_p_value).toBeGreaterThan(0.5);
  });

  it('when a small window is shifted, then PSI and KS both cross and raise an alert', () => {
    const live = Array.from({ length: 60 }, (_, i) => 0.4 + spread(i * 7 + 3));
    const result = compareWithBaseline(live, reference(baselineValues));
    expect(result.level).toBe('alert');
    expect(result.psi).toBeGreaterThan(0.25);
    expect(result.ks_statistic).toBeGreaterThan(0.3);
  });

  it('when PSI is large but KS finds the shift plausible by chance, then the lower level (ok) wins', () => {
    // 30 values on five of the ten deciles: the bins look very different, the CDF hardly moves.
    const live = Array.from({ length: 30 }, (_, i) => 0.05 + 0.2 * (i % 5));
    const result = compareWithBaseline(live, reference(baselineValues));
    expect(result.psi).toBeGreaterThan(0.25);
    expect(result.ks_p_value).toBeGreaterThan(0.01);
    expect(result.level).toBe('ok');
  });

  it('when a large window is shifted, then it alerts; unshifted it is ok', () => {
    const same = Array.from({ length: 500 }, (_, i) => spread(i * 11 + 1));
    const shifted = same.map((v) => v * 0.5);
    const ok = compareWithBaseline(same, reference(baselineValues));
    const alert = compareWithBaseline(shifted, reference(baselineValues));
    expect(ok.level).toBe('ok');
    expect(alert.level).toBe('alert');
    expect(alert.live_counts.reduce((a, b) => a + b, 0)).toBe(500);
  });

  it('when the baseline has no samples (older metadata), then PSI alone decides, from psiMinWindow on', () => {
    const histogram = quantileHistogram(baselineValues, 10);
    const small = compareWithBaseline(
      Array.from({ length: 60 }, (_, i) => spread(i * 7 + 3)),
      { histogram },
    );
    expect([small.method, small.level, small.ks_p_value]).toEqual([null, 'insufficient_data', null]);
    const large = compareWithBaseline(
      Array.from({ length: 300 }, (_, i) => 0.5 * spread(i * 7 + 3)),
      { histogram },
    );
    expect([large.method, large.level]).toEqual(['psi', 'alert']);
    expect(large.baseline_mean).toBeCloseTo(0.5, 1);
  });
});

describe('compareClasses', () => {
  it('when live classes follow the baseline counts, then ok; when they collapse onto one class, then alert', () => {
    const counts = [100, 300, 400, 200];
    const same = Array.from({ length: 100 }, (_, i) => (i < 10 ? 0 : i < 40 ? 1 : i < 80 ? 2 : 3));
    expect(compareClasses(same, counts).level).toBe('ok');
    expect(compareClasses(new Array(100).fill(0), counts).level).toBe('alert');
  });
});

describe('psiLevel and ksLevel', () => {
  it.each([
    [0.05, 'ok'],
    [0.1, 'warn'],
    [0.25, 'alert'],
  ])('when PSI = %d, then %s', (psi, level) => {
    expect(psiLevel(psi, DEFAULT_DRIFT_THRESHOLDS)).toBe(level);
  });

  it.each([
    [0.5, 'ok'],
    [0.005, 'warn'],
    [0.0005, 'alert'],
  ])('when the KS p-value = %d, then %s', (p, level) => {
    expect(ksLevel(p, DEFAULT_DRIFT_THRESHOLDS)).toBe(level);
  });
});
