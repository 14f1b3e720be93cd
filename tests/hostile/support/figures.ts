// Each hostile test records what it did in tests/hostile/.results/<name>.json;
// tests/hostile/write-figures.js sums them into the table of docs/hostile.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FUZZ_SEED } from './random';

/** What one test file tried and what came of it. */
export interface Figures {
  /** Hostile HTTP requests sent. */
  requests?: number;
  /** Faults injected: processes killed, servers stopped or stalled, read-only or full disks. */
  faults?: number;
  /** Input records or files mutated. */
  mutated?: number;
  /** Records or versions lost (must stay 0). */
  lost: number;
  /** Server or process crashes nobody asked for (must stay 0). */
  crashes: number;
  /** Breakdown, e.g. answers by status. */
  details?: Record<string, unknown>;
}

export const RESULTS_DIR = path.join(__dirname, '..', '.results');

/** Write the figures of one test file (replacing the previous run's). */
export function recordFigures(name: string, figures: Figures): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const body = { name, seed: FUZZ_SEED, at: new Date().toISOString(), ...figures };
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
}
