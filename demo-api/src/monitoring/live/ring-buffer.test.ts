import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('when filled below capacity, then it keeps every item in order', () => {
    const buffer = new RingBuffer<number>(3);
    expect(buffer.push(1)).toBeUndefined();
    buffer.push(2);
    expect(buffer.toArray()).toEqual([1, 2]);
    expect(buffer.size).toBe(2);
  });

  it('when pushed past capacity, then the oldest items are evicted and returned', () => {
    const buffer = new RingBuffer<number>(3);
    [1, 2, 3].forEach((n) => buffer.push(n));
    expect(buffer.push(4)).toBe(1);
    expect(buffer.push(5)).toBe(2);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.size).toBe(3);
  });

  it('when the capacity is not a positive integer, then it throws', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
