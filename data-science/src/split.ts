// Deterministic train/validation/test split, stratified by source and class.
import { createHash } from 'node:crypto';
import { ringCountToClass } from '@rings/ring-model';

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** What the split needs from a record. */
export interface SplittableRecord {
  source: string;
  compoundId: string;
  numRings: number;
}

/** Options of splitRecords. */
export interface SplitOptions {
  splitSeed: number;
  /** Share of each (source, class) stratum held out for validation. */
  validationFraction: number;
  /** Share of each (source, class) stratum held out for testing. */
  testFraction: number;
  numClasses: number;
}

/** A seeded hash of a key as an unsigned 48-bit integer. */
export function seededHash(seed: number, key: string): number {
  return parseInt(createHash('sha256').update(`${seed}\u0000${key}`).digest('hex').slice(0, 12), 16);
}

/**
 * Split records into train, validation and test. Within each stratum (source,
 * class) records are ordered by a seeded hash of the compound id; the
 * first round(n * testFraction) go to test, the next round(n *
 * validationFraction) to validation, the rest to train. The same records and
 * seed always give the same split, whatever their order; each split keeps the
 * input order.
 */
export function splitRecords<T extends SplittableRecord>(
  records: readonly T[],
  options: SplitOptions,
): Record<SplitName, T[]> {
  const strata = new Map<string, { record: T; index: number; hash: number }[]>();
  records.forEach((record, index) => {
    const key = `${record.source}\u0000${ringCountToClass(record.numRings, options.numClasses)}`;
    // Only the id: renaming a source (name=dir) must not reshuffle its split.
    const hash = seededHash(options.splitSeed, record.compoundId);
    const members = strata.get(key) ?? [];
    members.push({ record, index, hash });
    strata.set(key, members);
  });
  const assigned = new Array<SplitName>(records.length);
  for (const members of strata.values()) {
    members.sort((a, b) => a.hash - b.hash || a.record.compoundId.localeCompare(b.record.compoundId));
    const test = Math.round(members.length * options.testFraction);
    const validation = Math.round(members.length * options.validationFraction);
    members.forEach((m, rank) => {
      assigned[m.index] = rank < test ? 'test' : rank < test + validation ? 'validation' : 'train';
    });
  }
  const out: Record<SplitName, T[]> = { train: [], validation: [], test: [] };
  records.forEach((record, index) => out[assigned[index]].push(record));
  return out;
}
