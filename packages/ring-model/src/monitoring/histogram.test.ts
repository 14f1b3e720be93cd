import { binIndex, histogramCounts, orderStatistics, quantileEdges, quantileSorted } from './histogram';

describe('binIndex', () => {
  const edges = [0, 1, 2, 3];
  it.each([
    [-5, 0],
    [0, 0],
    [0.99, 0],
    [1, 1],
    [2.5, 2],
    [3, 2],
    [42, 2],
  ])('when the value is %d, then the bin is %d (end bins take values outside)', (value, bin) => {
    expect(binIndex(value, edges)).toBe(bin);
  });
});

describe('histogramCounts', () => {
  it('when values include non-finite ones, then only finite values are counted', () => {
    expect(histogramCounts([0, 0.5, 1, 1.5, 2, NaN, Infinity], [0, 1, 2])).toEqual([2, 3]);
  });

  it('when there are fewer than two edges, then it throws', () => {
    expect(() => histogramCounts([1], [0])).toThrow(RangeError);
  });
});

describe('quantileSorted', () => {
  // numpy.quantile([1, 2, 4, 8], q) with the default linear method: q = 0, 0.5, 0.75, 1 give 1, 3, 5, 8.
  it.each([
    [0, 1],
    [0.5, 3],
    [0.75, 5],
    [1, 8],
  ])('when q = %d, then it matches numpy linear interpolation', (q, value) => {
    expect(quantileSorted([1, 2, 4, 8], q)).toBeCloseTo(value, 12);
  });
});

describe('quantileEdges', () => {
  it('when values are continuous, then the bins are equally populated', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const edges = quantileEdges(values, 10);
    expect(edges).toHaveLength(11);
    expect(histogramCounts(values, edges)).toEqual(new Array(10).fill(100));
  });

  it('when values are discrete, then repeated edges merge into fewer bins', () => {
    const values = Array.from({ length: 100 }, (_, i) => i % 3);
    const edges = quantileEdges(values, 10);
    expect(edges[0]).toBe(0);
    expect(edges[edges.length - 1]).toBe(2);
    expect(new Set(edges).size).toBe(edges.length);
    expect(histogramCounts(values, edges).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('when every value is the same, then there is one bin', () => {
    expect(quantileEdges([4, 4, 4], 10)).toEqual([4, 5]);
  });

  it('when there are no values, then a placeholder unit bin is returned', () => {
    expect(quantileEdges([], 10)).toEqual([0, 1]);
  });
});

describe('orderStatistics', () => {
  it('when there are more values than asked, then evenly spaced ones are kept, min and max included', () => {
    const values = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(orderStatistics(values, 5)).toEqual([0, 25, 50, 75, 100]);
  });

  it('when there are fewer values than asked, then all are returned sorted', () => {
    expect(orderStatistics([3, 1, 2], 10)).toEqual([1, 2, 3]);
  });
});
