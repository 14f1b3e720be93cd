import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeTempRoot, realRecords, writeRawSet } from '../__tests__/raw-fixture';
import type { DlqEntry } from './dlq';
import { ingestDataset } from './ingest-dataset';
import { datasetManifestSchema as manifestSchema } from '@rings/ring-model/core';

let root: string;
afterAll(() => rm(root, { recursive: true, force: true }));

const readManifest = async () =>
  manifestSchema.parse(JSON.parse(await readFile(path.join(root, 'out', 'manifest.json'), 'utf8')));

describe('ingestDataset --append', () => {
  it('when a second batch arrives, then it makes a new version, skips identical duplicates and rejects conflicting ones', async () => {
    root = await makeTempRoot();
    const records = await realRecords(10);
    const [first, second] = [records.slice(0, 6), records.slice(6)];
    await writeRawSet(path.join(root, 'batch-1'), first);
    const conflicting = { ...first[1], num_rings: first[1].num_rings + 2 };
    await writeRawSet(path.join(root, 'batch-2'), [first[0], ...second, conflicting, second[0]]);
    const options = { outputPath: path.join(root, 'out'), dlq: path.join(root, 'dlq.log') };

    const v1 = await ingestDataset({ ...options, dataLoc: path.join(root, 'batch-1') });
    const v2 = await ingestDataset({ ...options, dataLoc: path.join(root, 'batch-2'), append: true });

    expect(v2.counts).toEqual({ read: 7, accepted: 4, rejected: 1, duplicates_skipped: 2 });
    expect(v2.counts.accepted + v2.counts.rejected + v2.counts.duplicates_skipped).toBe(v2.counts.read);
    expect(v2.records).toBe(10);
    expect(v2.previousVersion).toBe(v1.datasetVersion);
    expect(v2.datasetVersion).not.toBe(v1.datasetVersion);

    const csv = (await readFile(path.join(root, 'out', 'compound_rings.csv'), 'utf8')).trim().split('\n');
    expect(csv.slice(1).map((row) => row.split(',')[0])).toEqual(records.map((r) => r.compound_id));
    const manifest = await readManifest();
    expect(manifest).toMatchObject({ previous_version: v1.datasetVersion, records: 10, append: true });
    expect(manifest.history).toEqual([expect.objectContaining({ dataset_version: v1.datasetVersion })]);

    const [entry] = (await readFile(path.join(root, 'dlq.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as DlqEntry);
    expect(entry.trace).toEqual(['duplicate.conflict']);
    expect(entry.error).toMatch(/already in the dataset \(the existing dataset\)/);
  });

  it('when the same batch is appended twice, then the second run only skips duplicates and keeps the version', async () => {
    const options = { outputPath: path.join(root, 'out'), dlq: path.join(root, 'dlq.log'), append: true };
    const before = await readManifest();
    const again = await ingestDataset({ ...options, dataLoc: path.join(root, 'batch-2') });
    expect(again.counts).toEqual({ read: 7, accepted: 0, rejected: 1, duplicates_skipped: 6 });
    expect(again.datasetVersion).toBe(before.dataset_version);
  });

  it('when there is no dataset yet, then --append starts one', async () => {
    const summary = await ingestDataset({
      dataLoc: path.join(root, 'batch-1'),
      outputPath: path.join(root, 'fresh'),
      dlq: path.join(root, 'dlq.log'),
      append: true,
    });
    expect(summary).toMatchObject({ previousVersion: null, records: 6 });
  });
});
