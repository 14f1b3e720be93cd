import { meetsGoal, ratioOf, summarize } from './stats';

describe('summarize', () => {
  it.each([
    ['one sample', [5], { n: 1, median: 5, min: 5, max: 5, spread: 0 }],
    ['odd count, unsorted', [3, 1, 2], { n: 3, median: 2, min: 1, max: 3, spread: 0.5 }],
    ['even count', [10, 40, 20, 30], { n: 4, median: 25, min: 10, max: 40, spread: 0.6 }],
    ['identical samples', [7, 7, 7], { n: 3, median: 7, min: 7, max: 7, spread: 0 }],
    ['median zero', [-1, 0, 1], { n: 3, median: 0, min: -1, max: 1, spread: 0 }],
  ])('when %s, then median, range and spread', (_name, samples, expected) => {
    const s = summarize(samples);
    expect(s).toEqual({ ...expected, spread: expect.any(Number) });
    expect(s.spread).toBeCloseTo(expected.spread, 10);
  });

  it('when given samples, then it leaves the input order alone', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it.each([
    ['empty', []],
    ['NaN', [1, Number.NaN]],
    ['Infinity', [Number.POSITIVE_INFINITY]],
  ])('when %s, then RangeError', (_name, samples) => {
    expect(() => summarize(samples)).toThrow(RangeError);
  });
});

describe('ratioOf', () => {
  it('when both figures vary, then the ratio of medians and the widest range', () => {
    const r = ratioOf(summarize([180, 200, 220]), summarize([90, 100, 110]));
    expect(r.value).toBeCloseTo(2, 10);
    expect(r.low).toBeCloseTo(180 / 110, 10);
    expect(r.high).toBeCloseTo(220 / 90, 10);
  });

  it('when the denominator is not positive, then RangeError', () => {
    expect(() => ratioOf(summarize([1]), summarize([0]))).toThrow(RangeError);
    expect(() => ratioOf(summarize([1]), summarize([-1, 2, 3]))).toThrow(RangeError);
  });
});

describe('meetsGoal', () => {
  it.each([
    [2.0, '>=', 2, true],
    [1.99, '>=', 2, false],
    [1.1, '<=', 1.1, true],
    [1.11, '<=', 1.1, false],
  ] as const)('when %d %s %d, then %s', (value, op, target, expected) => {
    expect(meetsGoal(value, { op, target })).toBe(expected);
  });
});
