import { createTokenBuckets } from './token-buckets';

describe('createTokenBuckets', () => {
  // 60,000 per minute: 1 token per millisecond.
  const perMinute = 60_000;

  it.each([
    ['a fresh key takes up to the whole capacity', [[0, 60_000]], [true]],
    [
      'a key cannot take more than it holds',
      [
        [0, 50_000],
        [0, 20_000],
      ],
      [true, false],
    ],
    [
      'a refused take costs nothing',
      [
        [0, 50_000],
        [0, 20_000],
        [0, 10_000],
      ],
      [true, false, true],
    ],
    [
      'tokens refill with time',
      [
        [0, 60_000],
        [500, 400],
        [500, 200],
        [1_000, 500],
      ],
      [true, true, false, true],
    ],
    [
      'refill stops at the capacity',
      [
        [0, 1],
        [10_000_000, 60_000],
        [10_000_000, 1],
      ],
      [true, true, false],
    ],
  ] as const)('when %s', (_name, takes, expected) => {
    const buckets = createTokenBuckets({ perMinute });
    expect(takes.map(([now, cost]) => buckets.take('client', cost, now).ok)).toEqual(expected);
  });

  it('when a take is refused, then it says how many seconds until the cost has refilled', () => {
    const buckets = createTokenBuckets({ perMinute });
    buckets.take('client', 60_000, 0);
    expect(buckets.take('client', 2_500, 100)).toEqual({ ok: false, retryAfterSeconds: 3, fits: true });
  });

  it('when a cost exceeds the capacity, then it never fits, whatever the wait', () => {
    const buckets = createTokenBuckets({ perMinute });
    expect(buckets.take('client', 60_001, 0)).toEqual({ ok: false, retryAfterSeconds: 60, fits: false });
  });

  it('when two keys take, then each has its own bucket', () => {
    const buckets = createTokenBuckets({ perMinute });
    expect(buckets.take('a', 60_000, 0).ok).toBe(true);
    expect(buckets.take('b', 60_000, 0).ok).toBe(true);
    expect(buckets.take('a', 1, 0).ok).toBe(false);
  });

  it('when more keys than maxKeys are held, then the full (idle) ones are forgotten', () => {
    const buckets = createTokenBuckets({ perMinute, maxKeys: 10 });
    for (let i = 0; i < 9; i++) buckets.take(`idle-${i}`, 1, 0);
    buckets.take('busy', 60_000, 59_000);
    buckets.take('new', 1, 60_000);
    expect(buckets.size()).toBe(2); // the idle ones had refilled; busy had not
  });
});
