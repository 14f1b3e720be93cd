import type { GoodImage, ImageCheck } from './check-image';
import type { Problem } from './problem';
import type { RawRecord, RecordCheck } from './record-schema';

/** A record after its own checks, before the dataset-wide ones (uniqueness). */
export interface CheckedRecord {
  row: number;
  value: unknown;
  shape: RecordCheck;
  image?: ImageCheck;
  /** An unexpected failure while checking (e.g. EIO): the record goes to the DLQ with it. */
  crash?: { message: string; stack: string };
}

/** A compound already in the next dataset, and where it came from. */
export interface KnownCompound {
  numRings: number;
  sha256: string;
  /** Its row in the file being ingested, or null when it is from the existing dataset. */
  row: number | null;
}

export type Decision =
  | { kind: 'accept'; record: RawRecord; image: GoodImage }
  | { kind: 'duplicate' }
  | { kind: 'reject'; problems: Problem[] };

/**
 * Accepts a record that passed every check and whose id is new; skips one
 * identical (num_rings and image bytes) to a known compound; rejects the rest,
 * naming every problem found.
 */
export function decide(
  checked: CheckedRecord,
  known: ReadonlyMap<string, KnownCompound>,
  file: string,
): Decision {
  const { shape, image, crash } = checked;
  const problems = shape.ok ? [] : [...shape.problems];
  if (image && !image.ok) problems.push(...image.problems);
  if (crash) problems.push({ code: 'image.unreadable', message: `image: cannot be read: ${crash.message}` });
  const id = shape.ok ? shape.record.compound_id : shape.valid.compound_id;
  const first = id === undefined ? undefined : known.get(id);
  const where = first?.row == null ? 'the existing dataset' : `row ${first.row} of ${file}`;

  if (problems.length === 0 && shape.ok && image?.ok) {
    if (!first) return { kind: 'accept', record: shape.record, image: image.image };
    if (first.numRings === shape.record.num_rings && first.sha256 === image.image.sha256)
      return { kind: 'duplicate' };
    const differs = [
      first.numRings === shape.record.num_rings
        ? ''
        : `num_rings ${shape.record.num_rings} vs ${first.numRings}`,
      first.sha256 === image.image.sha256 ? '' : 'a different image',
    ].filter(Boolean);
    problems.push({
      code: 'duplicate.conflict',
      message:
        `compound_id ${id} is already in the dataset (${where}) with different data ` +
        `(${differs.join(', ')}); fix the label upstream or drop one of the two records`,
    });
  } else if (first) {
    problems.push({ code: 'duplicate.id', message: `compound_id ${id} is also used by ${where}` });
  }
  return { kind: 'reject', problems };
}
