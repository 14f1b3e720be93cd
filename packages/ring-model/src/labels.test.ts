import { classLabel, classLabels, ringCountToClass } from './labels';

describe('ringCountToClass', () => {
  it.each([
    [0, 7, 0],
    [3, 7, 3],
    [6, 7, 6],
    [7, 7, 6],
    [12, 7, 6],
    [2, 3, 2],
  ])('when %i rings and K=%i, then class %i', (rings, k, expected) => {
    expect(ringCountToClass(rings, k)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('when the count is %p, then it throws', (rings) => {
    expect(() => ringCountToClass(rings, 7)).toThrow(RangeError);
  });
});

describe('classLabel', () => {
  it('when the class is the last one, then it reads "K-1+"', () => {
    expect(classLabel(6, 7)).toBe('6+');
    expect(classLabels(4)).toEqual(['0', '1', '2', '3+']);
  });
});
