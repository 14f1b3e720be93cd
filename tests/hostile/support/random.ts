// A seeded generator, so every fuzz run is reproducible: RING_FUZZ_SEED picks
// the sequence, RING_FUZZ_COUNT scales the number of cases up by hand.

/** The seed of this run (RING_FUZZ_SEED, default fixed). */
export const FUZZ_SEED = Number(process.env.RING_FUZZ_SEED ?? 20_240_610);

/** How many cases a fuzz test generates: RING_FUZZ_COUNT, or the test's default. */
export function fuzzCount(fallback: number): number {
  const value = Number(process.env.RING_FUZZ_COUNT ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error('RING_FUZZ_COUNT must be a whole number >= 1');
  return value;
}

/** mulberry32 with helpers; the same seed always gives the same values. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** Pick by weight: [[weight, value], ...]. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, value] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1][1];
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
}
