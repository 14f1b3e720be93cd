// The ring-kinds command's work: label every molecule of a raw compounds.json
// or a .smi slice with its ring kind (ring-kind.ts) into a compound_id,ring_kind
// CSV, e.g. for data-science evaluate --groups.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MainModule } from '@rdkit/rdkit';
import { stringify } from 'csv-stringify/sync';
import { readSmiles } from '../build/read-smiles';
import { loadRdkit } from '../build/render-molecule';
import { readJsonArray } from '../ingest/read-json-array';
import { COMPOUND_ID_PATTERN, compoundIdOfSourceLine } from '../shared/compound-id';
import { DataEngineeringError } from '../shared/errors';
import type { ProgressEvent } from '../shared/progress';
import { classifyRingKind, readRingFacts, RING_KINDS, type RingKind } from './ring-kind';

/** Options of {@link labelRingKinds}. */
export interface RingKindsOptions {
  /** A raw folder's compounds.json (a `.json` file) or a `.smi` file (SMILES, tab, id per line). */
  source: string;
  /** The CSV written: `compound_id,ring_kind` (replaced if present). */
  out: string;
  /** .smi only, as for build-raw-data: lines to skip, at most this many, prefix of the ids. */
  offset?: number;
  limit?: number;
  idPrefix?: string;
  onProgress?: (event: ProgressEvent) => void;
}

/** What {@link labelRingKinds} wrote and skipped. */
export interface RingKindsResult {
  source: string;
  out: string;
  rows: number;
  skipped: { noSmiles: number; badId: number; duplicateId: number; unparseable: number };
  kinds: Record<RingKind, number>;
  seconds: number;
}

/** Labels each molecule of `source` with its ring kind and writes `out`, in source order. */
export async function labelRingKinds(options: RingKindsOptions): Promise<RingKindsResult> {
  const started = process.hrtime.bigint();
  const json = path.extname(options.source).toLowerCase() === '.json';
  const size = await assertSource(options, json);
  // Written next to `out` and renamed: a failed run never leaves half a CSV, and
  // an unwritable --out fails now rather than after the long part.
  const staged = `${options.out}.${process.pid}.tmp`;
  await stageOut(options.out, staged);
  try {
    const rdkit = await loadRdkit();
    const compounds = json ? readCompoundsJson(options.source, size, options) : readCompoundsSmi(options);
    const { rows, skipped } = await labelCompounds(rdkit, compounds);
    const kinds = Object.fromEntries(RING_KINDS.map((kind) => [kind, 0])) as Record<RingKind, number>;
    for (const [, kind] of rows) kinds[kind] += 1;
    const text = stringify(rows, { header: true, columns: ['compound_id', 'ring_kind'] });
    await writeFile(staged, text).catch((error: unknown) => {
      throw unwritable(options.out, error);
    });
    await rename(staged, options.out).catch((error: unknown) => {
      throw unwritable(options.out, error);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { source: options.source, out: options.out, rows: rows.length, skipped, kinds, seconds };
  } finally {
    await rm(staged, { force: true });
  }
}

async function labelCompounds(rdkit: MainModule, compounds: AsyncIterable<{ id: unknown; smiles: unknown }>) {
  const rows: [string, RingKind][] = [];
  const skipped = { noSmiles: 0, badId: 0, duplicateId: 0, unparseable: 0 };
  const seen = new Set<string>();
  for await (const { id, smiles } of compounds) {
    if (typeof smiles !== 'string' || smiles.trim() === '') skipped.noSmiles += 1;
    else if (typeof id !== 'string' || !COMPOUND_ID_PATTERN.test(id)) skipped.badId += 1;
    else if (seen.has(id)) skipped.duplicateId += 1;
    else {
      seen.add(id);
      const facts = readRingFacts(rdkit, smiles);
      if (facts) rows.push([id, classifyRingKind(facts)]);
      else skipped.unparseable += 1;
    }
  }
  return { rows, skipped };
}

/** The source is a file, and the .smi-only flags are not given for JSON; returns its size. */
async function assertSource(options: RingKindsOptions, json: boolean): Promise<number> {
  const source = await stat(options.source).catch((error: unknown) => {
    throw new DataEngineeringError(
      'SOURCE_NOT_FOUND',
      `--source ${options.source} does not exist: pass a raw folder's compounds.json or a .smi file`,
      { cause: error },
    );
  });
  if (source.isDirectory()) {
    throw new DataEngineeringError(
      'INVALID_OPTIONS',
      `--source ${options.source} is a folder: pass its compounds.json, or a .smi file`,
    );
  }
  if (json && [options.offset, options.limit, options.idPrefix].some((v) => v !== undefined)) {
    throw new DataEngineeringError(
      'INVALID_OPTIONS',
      '--offset, --limit and --id-prefix apply to a .smi source only',
    );
  }
  return source.size;
}

async function stageOut(out: string, staged: string): Promise<void> {
  if ((await stat(out).catch(() => undefined))?.isDirectory()) throw unwritable(out);
  try {
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFile(staged, '');
  } catch (error) {
    throw unwritable(out, error);
  }
}

function unwritable(out: string, cause?: unknown): DataEngineeringError {
  const reason = cause instanceof Error ? cause.message : 'it is a folder';
  return new DataEngineeringError(
    'INVALID_OPTIONS',
    `cannot write --out ${out} (${reason}): pass a file path in a folder you can write to`,
    { cause },
  );
}

type Progress = Pick<RingKindsOptions, 'onProgress'>;

async function* readCompoundsJson(file: string, size: number, { onProgress }: Progress) {
  let records = 0;
  let elements = 0;
  const onBytes = (bytes: number) => onProgress?.({ done: elements, fraction: bytes / Math.max(size, 1) });
  for await (const { value } of readJsonArray(file, { onBytes })) {
    elements += 1;
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    if (typeof record.compound_id === 'string') records += 1;
    yield { id: record.compound_id, smiles: record.smiles };
  }
  if (elements > 0 && records === 0) {
    throw new DataEngineeringError(
      'MALFORMED_INPUT',
      `${file}: none of its ${elements} elements is a record with a compound_id; ` +
        "pass a raw folder's compounds.json (records {compound_id, smiles, ...}) or a .smi file",
    );
  }
}

async function* readCompoundsSmi(options: RingKindsOptions) {
  const entries = await readSmiles(options.source, options.offset ?? 0, options.limit);
  for (const [i, entry] of entries.entries()) {
    // An id build-raw-data refuses has no image, so it is refused here too.
    const id = compoundIdOfSourceLine(
      `${options.idPrefix ?? ''}${entry.sourceId}`,
      options.source,
      entry.line,
    );
    options.onProgress?.({ done: i, fraction: i / entries.length });
    yield { id, smiles: entry.smiles };
  }
}
