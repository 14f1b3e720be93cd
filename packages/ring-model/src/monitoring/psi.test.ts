import { populationStabilityIndex } from './psi';

// Reference values computed with numpy (scripts/python/requirements-stats.txt):
// e, a = max(counts / total, 1e-4) per side; sum((a - e) * log(a / e)).
describe('populationStabilityIndex', () => {
  it.each([
    [[10, 20, 30, 40], [40, 30, 20, 10], 0.9128696382935673],
    [[25, 25, 25, 25], [24, 26, 25, 25], 0.0008004270767353657],
    [[100, 0, 50], [90, 5, 55], 0.20325822574876876],
    [[5, 5], [10, 0], 4.60431846666895],
  ])('when expected %j and actual %j, then PSI matches the reference', (expected, actual, psi) => {
    expect(populationStabilityIndex(expected, actual)).toBeCloseTo(psi, 12);
  });

  it('when the shares are equal at different totals, then PSI = 0', () => {
    expect(populationStabilityIndex([1, 2, 3], [10, 20, 30])).toBeCloseTo(0, 15);
  });

  it('when a side is empty, then PSI = 0 (nothing to compare)', () => {
    expect(populationStabilityIndex([1, 2], [0, 0])).toBe(0);
  });

  it('when the bins differ in number, then it throws', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});
