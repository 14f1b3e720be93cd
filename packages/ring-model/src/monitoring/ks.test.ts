import { kolmogorovSurvival, ksTwoSample } from './ks';

/** Deterministic sample: ((i * mul) % mod) / mod + shift, the same in the Python that made the references. */
function sample(n: number, mul: number, mod: number, shift: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * mul) % mod) / mod + shift);
}

// Reference values: scipy 1.14.1, stats.ks_2samp(a, b, method='exact') on the
// same samples (scripts/python/requirements-stats.txt; computed once, by hand).
describe('ksTwoSample', () => {
  it.each([
    [sample(20, 37, 101, 0), sample(25, 53, 97, 0.1), 0.15, 0.9355819128541956],
    [sample(60, 37, 101, 0), sample(40, 53, 97, 0), 0.08333333333333333, 0.9932690046380577],
    [sample(8, 3, 11, 0), sample(12, 5, 13, 0.3), 0.4166666666666667, 0.32404540763673895],
    [sample(100, 37, 101, 0), sample(100, 53, 97, 0.05), 0.06, 0.9942356257694902],
    [sample(200, 37, 101, 0), sample(30, 53, 97, 0.25), 0.26666666666666666, 0.04012494268230426],
    [sample(50, 37, 101, 0), sample(40, 53, 97, 0.5), 0.52, 5.309577819185259e-6],
    [sample(256, 37, 101, 0), sample(300, 53, 97, 0.02), 0.03239583333333333, 0.9973691591256397],
  ])('when n=%#, then D and the exact p-value match scipy', (a, b, d, p) => {
    const result = ksTwoSample(a, b, 'exact');
    expect(result.statistic).toBeCloseTo(d, 12);
    expect(result.pValue).toBeCloseTo(p, 9);
    expect(result.method).toBe('exact');
  });

  it('when the samples have ties, then D follows the ECDFs at each distinct value (scipy: 0.2, 0.6789)', () => {
    const a = Array.from({ length: 30 }, (_, i) => i % 5);
    const b = Array.from({ length: 20 }, (_, i) => (i % 4) + 1);
    const result = ksTwoSample(a, b);
    expect(result.statistic).toBeCloseTo(0.2, 12);
    expect(result.pValue).toBeCloseTo(0.6789136721225938, 9);
  });

  it('when the arguments are swapped, then the result is the same', () => {
    const a = sample(30, 37, 101, 0);
    const b = sample(45, 53, 97, 0.2);
    expect(ksTwoSample(b, a)).toEqual(ksTwoSample(a, b));
  });

  it('when the samples are identical, then D = 0 and p = 1', () => {
    const a = sample(40, 37, 101, 0);
    expect(ksTwoSample(a, [...a])).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });

  it('when n * m is large, then auto uses the asymptotic p-value, close to the exact one', () => {
    const a = sample(1500, 37, 1009, 0);
    const b = sample(1000, 53, 997, 0.03);
    const auto = ksTwoSample(a, b);
    const exact = ksTwoSample(a, b, 'exact');
    expect(auto.method).toBe('asymp');
    expect(auto.statistic).toBe(exact.statistic);
    expect(Math.abs(auto.pValue - exact.pValue)).toBeLessThan(0.02);
  });

  it('when a sample is empty or has no finite value, then it throws', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSample([NaN], [1])).toThrow(RangeError);
  });
});

// Reference values: scipy.special.kolmogorov(lambda), scipy 1.14.1.
describe('kolmogorovSurvival', () => {
  it.each([
    [0.3, 0.9999906941986655],
    [0.5, 0.9639452436648751],
    [0.8, 0.5441424115741981],
    [1.0, 0.26999967167735456],
    [1.2, 0.11224966667072497],
    [1.5, 0.022217962616525127],
    [2.0, 0.0006709252557796953],
    [3.0, 3.045995948942526e-8],
  ])('when lambda = %d, then Q(lambda) matches scipy', (lambda, q) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(q, 12);
  });

  it('when lambda <= 0, then Q = 1', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
  });
});
