import type { Figure, RatioResult } from './results';
import type { Settings } from './settings';

/** What a benchmark gets: its settings, a scratch folder of its own, and a progress log. */
export interface BenchContext {
  settings: Settings;
  workDir: string;
  log(message: string): void;
}

/** What a benchmark measured. */
export interface Outcome {
  figures: Figure[];
  ratios: RatioResult[];
  notes: string[];
}

/** Seconds since start (monotonic clock). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Run fns in a different order each repetition, so no side always goes first (cache, heat, noise). */
export function rotated<T>(items: readonly T[], repetition: number): T[] {
  const k = repetition % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
