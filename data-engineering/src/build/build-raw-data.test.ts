import { lstat, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { RAW_DATA } from '../__tests__/raw-fixture';
import { classifyRingKind, readRingFacts } from '../analysis/ring-kind';
import { buildRawData, type BuildRawDataResult } from './build-raw-data';
import { readSmiles } from './read-smiles';
import { loadRdkit } from './render-molecule';

let root: string;
let first: BuildRawDataResult;
const source = () => path.join(root, 'sample.smi');

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'de-build-'));
  // The first 18 molecules of the committed raw-data, back in .smi form, plus two RDKit cannot parse.
  const committed = JSON.parse(
    await readFile(path.join(RAW_DATA, 'compounds.json'), 'utf8'),
  ) as CommittedRecord[];
  const lines = committed.slice(0, 18).map((r) => `${r.smiles}\t${r.compound_id.replace(/^NSC/, '')}`);
  await writeFile(source(), `${lines.join('\n')}\nnot-a-smiles((\t999001\nC1CC\t999002\n`);
  first = await buildRawData({ source: source(), out: path.join(root, 'a'), idPrefix: 'NSC' });
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

interface CommittedRecord {
  compound_id: string;
  smiles: string;
}

async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    const stat = await lstat(file);
    if (stat.isSymbolicLink()) files[name] = `-> ${await readlink(file)}`;
    else if (stat.isFile()) files[name] = (await readFile(file)).toString('base64');
  }
  return files;
}

describe('buildRawData', () => {
  it('when the same molecules are rendered twice, then every byte is the same', async () => {
    await buildRawData({ source: source(), out: path.join(root, 'b'), idPrefix: 'NSC' });
    const [a, b] = await Promise.all([tree(path.join(root, 'a')), tree(path.join(root, 'b'))]);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  }, 60_000);

  it('then the images are byte-identical to the committed raw-data/images', async () => {
    for (const id of ['NSC1', 'NSC2', 'NSC17']) {
      const [built, committed] = await Promise.all(
        [path.join(root, 'a'), RAW_DATA].map((dir) => readFile(path.join(dir, 'images', `${id}.png`))),
      );
      expect(built.equals(committed)).toBe(true);
    }
  });

  it('then images are 300x300 palette PNGs labelled with RDKit ring counts', async () => {
    const records = JSON.parse(await readFile(path.join(root, 'a', 'compounds.json'), 'utf8')) as {
      compound_id: string;
      num_rings: number | null;
      image: string | null;
    }[];
    expect(records[0]).toEqual({
      compound_id: 'NSC1',
      image: 'images/NSC1.png',
      num_rings: 1,
      smiles: 'CC1=CC(=O)C=CC1=O',
    });
    const meta = await sharp(path.join(root, 'a', 'images', 'NSC1.png')).metadata();
    expect(meta).toMatchObject({ width: 300, height: 300, format: 'png', isPalette: true });
  });

  it('when RDKit cannot parse a molecule, then its record has no image and no label', async () => {
    expect(first.unparseable).toEqual(['NSC999001', 'NSC999002']);
    const text = await readFile(path.join(root, 'a', 'compounds.json'), 'utf8');
    expect(text).toContain(
      '{"compound_id":"NSC999001","image":null,"num_rings":null,"smiles":"not-a-smiles(("}',
    );
  });

  it('then the bad symlink points outside the folder, relative to where images/ ends up', async () => {
    const link = await readlink(path.join(root, 'a', 'images', 'BAD-symlink-outside.png'));
    expect(path.isAbsolute(link)).toBe(false);
    expect(path.relative(path.join(root, 'a'), path.resolve(root, 'a', 'images', link))).toMatch(/^\.\./);
    expect(first.badRecords).toBe(15);
  });

  it('when offset and limit are given, then only that slice is rendered, without bad records on request', async () => {
    const slice = await buildRawData({
      source: source(),
      out: path.join(root, 'c'),
      offset: 2,
      limit: 3,
      badRecords: false,
    });
    expect(slice).toMatchObject({ records: 3, badRecords: 0 });
    expect(await readdir(path.join(root, 'c', 'images'))).toEqual(['3.png', '4.png', '5.png']);
  });

  it('when ring kinds are asked for, then only those molecules are drawn and the rest are counted', async () => {
    const out = path.join(root, 'fused');
    const fused = await buildRawData({ source: source(), out, ringKinds: ['fused'], badRecords: false });
    const rdkit = await loadRdkit();
    const kindOf = (smiles: string) => classifyRingKind(readRingFacts(rdkit, smiles)!);
    const records = JSON.parse(await readFile(path.join(out, 'compounds.json'), 'utf8')) as {
      compound_id: string;
      smiles: string;
      image: string | null;
    }[];
    const drawn = records.filter((r) => r.image !== null);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((r) => kindOf(r.smiles) === 'fused')).toBe(true);
    // Unparseable molecules have no kind: they stay, as records without an image (the DLQ's to count).
    expect(fused.unparseable).toEqual(['999001', '999002']);
    expect(fused.otherKinds).toBe(first.records - first.badRecords - records.length);
    const allFused = (await readSmiles(source(), 0)).filter((e) => {
      const facts = readRingFacts(rdkit, e.smiles);
      return facts !== null && classifyRingKind(facts) === 'fused';
    });
    expect(drawn.map((r) => r.compound_id)).toEqual(allFused.map((e) => e.sourceId));
  }, 60_000);
});
