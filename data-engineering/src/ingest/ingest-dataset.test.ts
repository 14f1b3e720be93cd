import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeTempRoot, writeRawSetWithBadRecords } from '../__tests__/raw-fixture';
import type { DlqEntry } from './dlq';
import { ingestDataset, type IngestSummary } from './ingest-dataset';
import { datasetManifestSchema as manifestSchema } from '@rings/ring-model/core';

let root: string;
let summary: IngestSummary;
let dlq: DlqEntry[];
let fixture: Awaited<ReturnType<typeof writeRawSetWithBadRecords>>;

const readDlq = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DlqEntry);

beforeAll(async () => {
  root = await makeTempRoot();
  fixture = await writeRawSetWithBadRecords(path.join(root, 'data'), 12);
  summary = await ingestDataset({
    dataLoc: path.join(root, 'data'),
    outputPath: path.join(root, 'out'),
    dlq: path.join(root, 'dlq', 'dlq.log'),
  });
  dlq = await readDlq(path.join(root, 'dlq', 'dlq.log'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('ingestDataset on real records and every kind of bad record', () => {
  const dlqFor = (id: string, occurrence = 0) =>
    dlq.filter((e) => (e.data as { compound_id?: string } | null)?.compound_id === id)[occurrence];

  it.each([
    [
      'unparseable molecule',
      'NSC-unparseable',
      ['schema.num_rings', 'schema.image'],
      /num_rings: must be .* got null/,
    ],
    ['wrong types', 'BAD-wrong-types', ['schema.smiles', 'schema.num_rings', 'schema.image'], /got "2"/],
    ['negative ring count', 'BAD-negative-rings', ['schema.num_rings'], /num_rings: must be >= 0, got -1/],
    [
      'fractional ring count',
      'BAD-fractional-rings',
      ['schema.num_rings'],
      /whole number of rings, got 2\.5/,
    ],
    ['missing keys', 'BAD-missing-keys', ['schema.smiles', 'schema.num_rings', 'schema.image'], /is missing/],
    ['unsafe id', '../BAD-unsafe-id', ['schema.compound_id'], /plain file name/],
    ['path escaping data_loc', 'BAD-path-traversal', ['image.outside_data_loc'], /points outside data_loc/],
    ['absolute path', 'BAD-absolute-path', ['image.absolute_path'], /absolute path \/etc\/passwd/],
    [
      'symlink pointing outside',
      'BAD-symlink-outside',
      ['image.symlink_outside'],
      /symlink to .*secret\.png/,
    ],
    ['missing image file', 'BAD-missing-file', ['image.not_found'], /file not found/],
    ['truncated PNG', 'BAD-truncated-png', ['image.truncated'], /truncated PNG/],
    ['non-image bytes', 'BAD-not-an-image', ['image.not_png'], /not a PNG file/],
    ['0-byte file', 'BAD-empty-file', ['image.empty'], /empty \(0 bytes\)/],
    ['30000x30000 header', 'BAD-huge-dimensions', ['image.too_many_pixels'], /30000x30000/],
  ])('when a record has a %s, then the DLQ says so in its own words', (_kind, id, codes, message) => {
    const entry = dlqFor(id);
    expect(entry.trace).toEqual(codes);
    expect(entry.error).toMatch(message);
  });

  it('when a later record reuses an id with another label, then it goes to the DLQ and the first stays', async () => {
    const first = fixture.good[0];
    const entry = dlqFor(first.compound_id);
    expect(entry.trace).toEqual(['duplicate.conflict']);
    expect(entry.error).toContain(`num_rings ${first.num_rings + 1} vs ${first.num_rings}`);
    const csv = await readFile(path.join(root, 'out', 'compound_rings.csv'), 'utf8');
    expect(csv).toContain(`${first.compound_id},${first.num_rings},images/${first.compound_id}.png\n`);
  });

  it('when an element is not an object, then its DLQ entry keeps the row and the raw data', () => {
    const entry = dlq.find((e) => e.data === null);
    expect(entry).toMatchObject({
      trace: ['schema.record'],
      row: 12 + 6,
      file: path.join(root, 'data', 'compounds.json'),
    });
  });

  it('then every DLQ line has the contract fields and a distinct message', () => {
    for (const entry of dlq)
      expect(Object.keys(entry).sort()).toEqual(['data', 'error', 'file', 'row', 'time', 'trace']);
    expect(new Set(dlq.map((e) => e.error)).size).toBe(dlq.length);
  });

  it('then accepted + rejected == read, in the summary, the manifest, the CSV, images/ and the DLQ', async () => {
    expect(summary.counts).toEqual({
      read: fixture.total,
      accepted: 12,
      rejected: fixture.bad.length,
      duplicates_skipped: 0,
    });
    const manifest = manifestSchema.parse(
      JSON.parse(await readFile(path.join(root, 'out', 'manifest.json'), 'utf8')),
    );
    expect(manifest.counts).toEqual(summary.counts);
    expect(manifest.dataset_version).toBe(summary.datasetVersion);
    const rows = (await readFile(path.join(root, 'out', 'compound_rings.csv'), 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('compound_id,num_rings,image');
    expect(rows).toHaveLength(1 + 12);
    expect((await readdir(path.join(root, 'out', 'images'))).sort()).toEqual(
      fixture.good.map((r) => `${r.compound_id}.png`).sort(),
    );
    expect(Object.keys(manifest.images)).toEqual(fixture.good.map((r) => r.image));
    expect(dlq).toHaveLength(summary.counts.rejected);
  });

  it('when the same input is ingested again, then the dataset version is the same and the DLQ grows by one run', async () => {
    const again = await ingestDataset({
      dataLoc: path.join(root, 'data'),
      outputPath: path.join(root, 'out'),
      dlq: path.join(root, 'dlq', 'dlq.log'),
      linkImages: false,
      workers: 0,
    });
    expect(again.datasetVersion).toBe(summary.datasetVersion);
    expect(again.counts).toEqual(summary.counts);
    expect(await readDlq(path.join(root, 'dlq', 'dlq.log'))).toHaveLength(2 * summary.counts.rejected);
    expect(await readdir(path.join(root, 'out'))).toEqual(['compound_rings.csv', 'images', 'manifest.json']);
  });
});
