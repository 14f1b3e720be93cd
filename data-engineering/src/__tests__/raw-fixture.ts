// Real temp-dir fixtures for the ingest tests: a few real records and images
// from the committed raw-data/, plus the builder's deliberately bad records.
import { access, copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBadRecords } from '../build/bad-records';
import { REPO_ROOT } from '../shared/repo-root';

export const RAW_DATA = path.join(REPO_ROOT, 'raw-data');

export const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

export interface GoodRawRecord {
  compound_id: string;
  smiles: string;
  num_rings: number;
  image: string;
}

/** The first `count` rendered records of raw-data/compounds.json. */
export async function realRecords(count: number): Promise<GoodRawRecord[]> {
  const all = JSON.parse(await readFile(path.join(RAW_DATA, 'compounds.json'), 'utf8')) as unknown[];
  const good = all.filter(
    (r): r is GoodRawRecord =>
      typeof r === 'object' && r !== null && typeof (r as GoodRawRecord).num_rings === 'number',
  );
  return good.filter((r) => r.compound_id.startsWith('NSC')).slice(0, count);
}

/** A temp root with `data/` (the raw folder), `outside/` (must never be read) and nothing else. */
export async function makeTempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'de-test-'));
  await mkdir(path.join(root, 'outside'));
  await writeFile(path.join(root, 'outside', 'secret.png'), 'not for the ingest');
  return root;
}

/** Writes `records` (any values) as `<dir>/<file>` and copies their real images into `<dir>/images`. */
export async function writeRawSet(dir: string, records: unknown[], file = 'compounds.json'): Promise<void> {
  await mkdir(path.join(dir, 'images'), { recursive: true });
  for (const record of records) {
    const image = (record as Partial<GoodRawRecord> | null)?.image;
    if (typeof image === 'string' && /^images\/NSC\d+\.png$/.test(image)) {
      await copyFile(path.join(RAW_DATA, image), path.join(dir, image));
    }
  }
  await writeFile(path.join(dir, file), `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
}

/** A raw set of `goodCount` real records followed by every kind of bad record; returns the bad kinds by row. */
export async function writeRawSetWithBadRecords(dir: string, goodCount: number) {
  const good = await realRecords(goodCount);
  await writeRawSet(dir, good);
  const sample = { ...good[0], png: await readFile(path.join(RAW_DATA, good[0].image)) };
  const outside = path.join(dir, '..', 'outside', 'secret.png');
  const bad = await writeBadRecords(path.join(dir, 'images'), path.join(dir, 'images'), sample, outside);
  const unparseable = { compound_id: 'NSC-unparseable', smiles: 'C1CC', num_rings: null, image: null };
  const records = [...good, unparseable, ...bad.map((b) => b.record)];
  await writeFile(
    path.join(dir, 'compounds.json'),
    `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`,
  );
  return {
    good,
    bad: [{ kind: 'unparseable molecule', record: unparseable }, ...bad],
    total: records.length,
  };
}
