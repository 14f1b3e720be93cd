// Token buckets per key (a client address): each holds up to one minute's
// budget and refills continuously, so a client may burst up to its budget and
// then goes at the budget's pace. Pure: the caller passes the time.

export interface TokenBucketOptions {
  /** Tokens a key earns per minute; also the most it can hold. */
  perMinute: number;
  /** Beyond this many keys, buckets that have refilled (idle clients) are forgotten. */
  maxKeys?: number;
}

/** A take's outcome; when refused, how long until the cost fits (fits: false when it never can). */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number; fits: boolean };

export interface TokenBuckets {
  /** Take `cost` tokens from key's bucket at time `now` (ms), or take nothing and say when to retry. */
  take(key: string, cost: number, now: number): TakeResult;
  /** Keys held (for tests). */
  size(): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets per key; a refused take costs nothing. */
export function createTokenBuckets(options: TokenBucketOptions): TokenBuckets {
  const capacity = options.perMinute;
  const perMs = capacity / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const level = (bucket: Bucket, now: number) =>
    Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);

  const forgetIdle = (now: number) => {
    for (const [key, bucket] of buckets) if (level(bucket, now) >= capacity) buckets.delete(key);
  };

  return {
    take(key, cost, now) {
      if (cost > capacity) return { ok: false, retryAfterSeconds: 60, fits: false };
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) forgetIdle(now);
        bucket = { tokens: capacity, at: now };
        buckets.set(key, bucket);
      }
      const tokens = level(bucket, now);
      if (tokens < cost) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / perMs / 1000)),
          fits: true,
        };
      }
      bucket.tokens = tokens - cost;
      bucket.at = now;
      return { ok: true };
    },
    size: () => buckets.size,
  };
}
