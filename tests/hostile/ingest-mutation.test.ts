// Ingest fuzz: seeded mutations of compounds.json and of the images, in temp
// copies of a slice of raw-data/. After every run: accepted + rejected +
// duplicates_skipped == read == records written, every untouched record is in
// the dataset, every rejected one is in the DLQ, and nothing outside the given
// folders was opened (FIFO traps would hang) or written (tree snapshots).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestDataset, type IngestSummary } from '../../data-engineering/src';
import { recordFigures } from './support/figures';
import { FUZZ_SEED, fuzzCount, Random } from './support/random';
import { corruptJsonText, mutateRecord, type RawFolders, type RawRecord } from './support/record-mutations';
import { snapshotTree } from './support/tree-snapshot';

jest.setTimeout(240_000);

const RAW = path.join(__dirname, '..', '..', 'raw-data');
const RECORDS = 30;
const ROUNDS = Math.max(4, Math.round((16 * fuzzCount(1000)) / 1000));

async function baseRecords(): Promise<RawRecord[]> {
  const all = JSON.parse(await readFile(path.join(RAW, 'compounds.json'), 'utf8')) as unknown[];
  return all
    .filter((r): r is RawRecord => typeof (r as RawRecord | null)?.compound_id === 'string')
    .filter((r) => /^NSC\d+$/.test(r.compound_id) && Number.isInteger(r.num_rings))
    .slice(0, RECORDS + 1);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function csvIds(out: string): Promise<Set<string>> {
  const text = await readFile(path.join(out, 'compound_rings.csv'), 'utf8').catch(() => '');
  return new Set(
    text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]),
  );
}

async function dlqRows(dlq: string): Promise<number[]> {
  const text = await readFile(dlq, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { row: number }).row);
}

describe('ingest under mutated input', () => {
  let root: string;
  let folders: RawFolders;
  let records: RawRecord[];
  const figures = {
    runs: 0,
    mutated: 0,
    read: 0,
    accepted: 0,
    rejected: 0,
    skipped: 0,
    refusedFiles: 0,
    lost: 0,
  };
  const byMutation: Record<string, number> = {};

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hostile-ingest-'));
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    const base = await baseRecords();
    records = base.slice(0, RECORDS);
    folders = {
      data: path.join(root, 'data'),
      fifo: path.join(outside, 'trap.png'),
      secret: path.join(outside, 'secret.png'),
    };
    execFileSync('mkfifo', [folders.fifo]);
    // A good image of a compound not in the slice: if it is ever read, its hash shows up.
    await copyFile(path.join(RAW, base[RECORDS].image), folders.secret);
    await writeFile(path.join(outside, 'compounds.json'), JSON.stringify(records.slice(0, 3)));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    recordFigures('ingest-mutation', {
      mutated: figures.mutated,
      lost: figures.lost,
      crashes: 0,
      details: { seed: FUZZ_SEED, ...figures, byMutation },
    });
  });

  /** A fresh data_loc: the slice's images copied, a folder symlink pointing outside. */
  async function freshData(): Promise<void> {
    await rm(folders.data, { recursive: true, force: true });
    await mkdir(path.join(folders.data, 'images'), { recursive: true });
    for (const r of records) await copyFile(path.join(RAW, r.image), path.join(folders.data, r.image));
    await symlink(path.dirname(folders.secret), path.join(folders.data, 'linked-out'));
  }

  it(`when ${ROUNDS} rounds of seeded mutations are ingested, then every record is accounted for and nothing outside is touched`, async () => {
    const random = new Random(FUZZ_SEED);
    const out = path.join(root, 'out');
    const dlq = path.join(root, 'dlq', 'dlq.log');
    const secretHash = sha256(await readFile(folders.secret));
    for (let round = 0; round < ROUNDS; round++) {
      await freshData();
      const elements: { value: unknown; mayAccept: boolean; untouched: boolean }[] = [];
      for (const r of records) {
        if (!random.chance(0.4)) {
          elements.push({ value: r, mayAccept: true, untouched: true });
          continue;
        }
        const m = await mutateRecord(r, random, folders);
        byMutation[m.mutation] = (byMutation[m.mutation] ?? 0) + 1;
        figures.mutated += 1;
        elements.push({ value: m.value, mayAccept: m.mayAccept, untouched: false });
      }
      // An exact duplicate of an untouched record is skipped; a conflicting one is rejected.
      const keep = elements.filter((e) => e.untouched).map((e) => e.value as RawRecord);
      if (keep.length > 0) {
        const twin = random.pick(keep);
        elements.push({ value: twin, mayAccept: true, untouched: false });
        elements.push({
          value: { ...twin, num_rings: twin.num_rings + 1 },
          mayAccept: false,
          untouched: false,
        });
        figures.mutated += 2;
      }
      let text = `[\n${elements.map((e) => JSON.stringify(e.value)).join(',\n')}\n]\n`;
      const corrupt = random.chance(0.2);
      if (corrupt) {
        text = corruptJsonText(text, random);
        figures.mutated += 1;
      }
      await writeFile(path.join(folders.data, 'compounds.json'), text);

      const watched = [path.join(root, 'outside'), folders.data];
      const before = await Promise.all(watched.map((d) => snapshotTree(d)));
      const dataset = await snapshotTree(root, [folders.data, path.join(root, 'outside')]);
      const dlqBefore = await dlqRows(dlq);
      let summary: IngestSummary | undefined;
      let failure: unknown;
      try {
        summary = await ingestDataset({ dataLoc: folders.data, outputPath: out, dlq, workers: 1 });
      } catch (err) {
        failure = err;
      }
      figures.runs += 1;
      expect(await Promise.all(watched.map((d) => snapshotTree(d)))).toEqual(before);

      if (corrupt) {
        // The whole file is refused and the previous dataset and DLQ stay as they were.
        expect([round, (failure as { code?: string } | undefined)?.code]).toEqual([round, 'MALFORMED_INPUT']);
        expect(await snapshotTree(root, [folders.data, path.join(root, 'outside')])).toEqual(dataset);
        figures.refusedFiles += 1;
        continue;
      }
      expect([round, failure]).toEqual([round, undefined]);
      const counts = (summary as IngestSummary).counts;
      expect(counts.read).toBe(elements.length);
      expect(counts.accepted + counts.rejected + counts.duplicates_skipped).toBe(counts.read);
      const ids = await csvIds(out);
      expect(ids.size).toBe(counts.accepted);
      const rows = (await dlqRows(dlq)).slice(dlqBefore.length);
      expect(rows.length).toBe(counts.rejected);
      expect(new Set(rows).size).toBe(rows.length);
      elements.forEach((e, i) => {
        if (e.untouched && !ids.has((e.value as RawRecord).compound_id)) figures.lost += 1;
        if (!e.mayAccept) expect([i + 1, rows.includes(i + 1)]).toEqual([i + 1, true]);
      });
      const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as {
        images: Record<string, string>;
      };
      expect(Object.values(manifest.images)).not.toContain(secretHash);
      Object.assign(figures, {
        read: figures.read + counts.read,
        accepted: figures.accepted + counts.accepted,
        rejected: figures.rejected + counts.rejected,
        skipped: figures.skipped + counts.duplicates_skipped,
      });
    }
    expect(figures.lost).toBe(0);
  });

  it('when file_name leads outside data_loc (.., a symlink), then the ingest refuses it and writes nothing', async () => {
    await freshData();
    await symlink(path.join(root, 'outside', 'compounds.json'), path.join(folders.data, 'linked.json'));
    const before = await snapshotTree(root);
    for (const fileName of ['../outside/compounds.json', 'linked.json', 'linked-out/compounds.json']) {
      const out = path.join(root, 'out-names');
      const failure = await ingestDataset({
        dataLoc: folders.data,
        fileName,
        outputPath: out,
        dlq: path.join(out, 'dlq.log'),
        workers: 0,
      }).then(
        () => undefined,
        (err: { code?: string; message?: string }) => err,
      );
      expect([fileName, failure?.code, failure?.message]).toEqual([
        fileName,
        'INVALID_OPTIONS',
        expect.stringMatching(/inside data_loc/),
      ]);
      figures.mutated += 1;
    }
    expect(await snapshotTree(root)).toEqual(before);
  });
});
