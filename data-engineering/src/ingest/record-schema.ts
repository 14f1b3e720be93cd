import { z } from 'zod';
import { COMPOUND_ID_PATTERN } from '../shared/compound-id';
import { showValue, type Problem } from './problem';

const expected = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is missing: add ${what}` : `must be ${what}, got ${showValue(issue.input)}`;

/** One record of compounds.json, as the ingest accepts it. */
export const rawRecordSchema = z.object({
  compound_id: z
    .string({ error: expected('a string id') })
    .regex(COMPOUND_ID_PATTERN, {
      error: (issue) =>
        `must be a plain file name (letters, digits, '.', '_', '-'; at most 128), got ${showValue(issue.input)}`,
    })
    .describe('Unique id of the compound; it names the image in the dataset, images/<id>.png.'),
  smiles: z
    .string({ error: expected('the SMILES string') })
    .min(1, { error: 'must not be empty' })
    .describe('The structure as SMILES (kept in the raw data, not needed for training).'),
  num_rings: z
    .number({ error: expected('a whole number of rings >= 0') })
    .int({ error: (issue) => `must be a whole number of rings, got ${showValue(issue.input)}` })
    .min(0, { error: (issue) => `must be >= 0, got ${showValue(issue.input)}` })
    .describe('The label: RDKit NumRings of the compound.'),
  image: z
    .string({ error: expected('the image path relative to data_loc, e.g. images/<id>.png') })
    .min(1, { error: 'must not be empty' })
    .describe('PNG depiction, relative to data_loc.'),
});

export type RawRecord = z.infer<typeof rawRecordSchema>;

/** The parsed record, or every schema problem (plus the fields that were fine, for later checks). */
export type RecordCheck =
  { ok: true; record: RawRecord } | { ok: false; problems: Problem[]; valid: Partial<RawRecord> };

/** Validates one array element against {@link rawRecordSchema}. */
export function checkRecordShape(value: unknown): RecordCheck {
  const parsed = rawRecordSchema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const problem = `record must be an object with compound_id, smiles, num_rings and image, got ${showValue(value)}`;
    return { ok: false, problems: [{ code: 'schema.record', message: problem }], valid: {} };
  }
  const bad = new Set<string>();
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.');
    bad.add(field);
    return { code: `schema.${field}`, message: `${field}: ${issue.message}` };
  });
  const fields = value as Record<string, unknown>;
  const valid = Object.fromEntries(
    Object.keys(rawRecordSchema.shape)
      .filter((key) => !bad.has(key))
      .map((key) => [key, fields[key]]),
  ) as Partial<RawRecord>;
  return { ok: false, problems, valid };
}
