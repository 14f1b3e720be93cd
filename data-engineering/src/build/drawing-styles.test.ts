import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RAW_DATA } from '../__tests__/raw-fixture';
import { buildRawData, type BuildRawDataOptions } from './build-raw-data';
import { chooseDrawingStyle, type DrawingStyle, type DrawOptions, type StyleSet } from './drawing-styles';

let root: string;
const source = () => path.join(root, 'sample.smi');
// The first 12 molecules of the committed raw-data, back in .smi form.
const COUNT = 12;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'de-styles-'));
  const committed = JSON.parse(await readFile(path.join(RAW_DATA, 'compounds.json'), 'utf8')) as {
    compound_id: string;
    smiles: string;
  }[];
  const lines = committed.slice(0, COUNT).map((r) => `${r.smiles}\t${r.compound_id.replace(/^NSC/, '')}`);
  await writeFile(source(), `${lines.join('\n')}\n`);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const build = (out: string, options: Partial<BuildRawDataOptions>) =>
  buildRawData({
    source: source(),
    out: path.join(root, out),
    idPrefix: 'NSC',
    badRecords: false,
    ...options,
  });

async function images(out: string): Promise<Map<string, Buffer>> {
  const dir = path.join(root, out, 'images');
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n))] as const)));
}

async function labels(out: string): Promise<unknown[]> {
  const records = JSON.parse(await readFile(path.join(root, out, 'compounds.json'), 'utf8')) as {
    compound_id: string;
    num_rings: number | null;
  }[];
  return records.map(({ compound_id, num_rings }) => [compound_id, num_rings]);
}

describe('buildRawData with a style set', () => {
  it('when the style is default, then the images are byte-identical to the committed raw-data', async () => {
    const result = await build('default', { style: 'default' });
    expect(result.style).toBe('default');
    const built = await images('default');
    expect(built.size).toBe(COUNT);
    for (const [name, png] of built) {
      expect(png.equals(await readFile(path.join(RAW_DATA, 'images', name)))).toBe(true);
    }
  }, 60_000);

  it.each<StyleSet>(['train', 'unseen'])(
    'when %s is rendered twice at different concurrency, then every byte is the same',
    async (style) => {
      const one = await build(`${style}-1`, { style, concurrency: 1 });
      await build(`${style}-8`, { style, concurrency: 8 });
      expect(one.style).toBe(style);
      expect(await images(`${style}-8`)).toEqual(await images(`${style}-1`));
    },
    60_000,
  );

  it('when a molecule is drawn in each style set, then its images differ and its label does not', async () => {
    const [byDefault, train, unseen] = await Promise.all(['default', 'train-1', 'unseen-1'].map(images));
    for (const [name, png] of byDefault) {
      expect(train.get(name)!.equals(png)).toBe(false);
      expect(unseen.get(name)!.equals(png)).toBe(false);
      expect(unseen.get(name)!.equals(train.get(name)!)).toBe(false);
    }
    const expected = await labels('default');
    expect(await labels('train-1')).toEqual(expected);
    expect(await labels('unseen-1')).toEqual(expected);
  });

  it('when the sample is the first molecules of a source, then a later slice draws them the same way', async () => {
    await build('train-slice', { style: 'train', offset: 3, limit: 2 });
    const slice = await images('train-slice');
    const whole = await images('train-1');
    expect([...slice.keys()]).toEqual(['NSC4.png', 'NSC5.png']);
    for (const [name, png] of slice) expect(png.equals(whole.get(name)!)).toBe(true);
  }, 60_000);

  it('when another style variant is rendered, then every drawing differs and the ids and labels do not', async () => {
    const result = await build('train-variant-2', { style: 'train', styleVariant: 2 });
    expect(result.styleVariant).toBe(2);
    const [first, second] = await Promise.all(['train-1', 'train-variant-2'].map(images));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, png] of second) expect(png.equals(first.get(name)!)).toBe(false);
    expect(await labels('train-variant-2')).toEqual(await labels('train-1'));
  }, 60_000);

  it('when a style variant is asked of the default style, then it is refused before anything is written', async () => {
    await expect(build('default-variant', { styleVariant: 1 })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: 'a style variant needs the train or unseen style set',
    });
    await expect(readdir(path.join(root, 'default-variant'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('chooseDrawingStyle', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `CHEMBL${i * 7 + 1}`);
  const styles = (set: StyleSet) => ids.map((id) => chooseDrawingStyle(set, id, 300)!);
  const inkOf = (o: DrawOptions) => JSON.stringify(o.atomColourPalette?.['6'] ?? 'default');
  const trainStyles = styles('train');
  const unseenStyles = styles('unseen');
  const train = trainStyles.map((s) => s.options);

  it('when the set is default, then RDKit draws in its own style', () => {
    expect(chooseDrawingStyle('default', 'NSC1', 300)).toBeNull();
  });

  it('when a set is train, then no style is hand-drawn, tinted or thick, and the options vary', () => {
    expect(trainStyles.every((s) => s.handDrawnSeed === undefined)).toBe(true);
    for (const o of train) {
      expect(o.backgroundColour).toBeUndefined();
      expect(['"default"', '[0,0,0]']).toContain(inkOf(o));
      expect(o.bondLineWidth).toBeGreaterThanOrEqual(1);
      expect(o.bondLineWidth).toBeLessThanOrEqual(3.5);
      expect(o.baseFontSize).toBeLessThanOrEqual(0.75);
    }
    expect(new Set(train.map(inkOf)).size).toBe(2);
    expect(new Set(train.map((o) => Math.floor(o.rotate / 90))).size).toBe(4);
    expect(train.some((o) => o.fixedBondLength === undefined)).toBe(true);
    expect(train.some((o) => o.fixedBondLength !== undefined)).toBe(true);
  });

  it('when a set is unseen, then every style has hand-drawn lines, thick lines or a tint that train never uses', () => {
    const trainWidest = Math.max(...train.map((o) => o.bondLineWidth));
    const trainInks = new Set(train.map(inkOf));
    const traits = ({ options: o, handDrawnSeed }: DrawingStyle) => ({
      handDrawn: handDrawnSeed !== undefined,
      thick: o.bondLineWidth > trainWidest,
      tint: o.backgroundColour !== undefined && !trainInks.has(inkOf(o)),
    });
    for (const style of unseenStyles) {
      expect(Object.values(traits(style))).toContain(true);
      expect(style.options.baseFontSize).toBeGreaterThan(Math.max(...train.map((t) => t.baseFontSize)));
    }
    for (const trait of ['handDrawn', 'thick', 'tint'] as const) {
      expect(unseenStyles.filter((s) => traits(s)[trait]).length).toBeGreaterThan(ids.length / 3);
      expect(unseenStyles.filter((s) => !traits(s)[trait]).length).toBeGreaterThan(ids.length / 5);
    }
  });

  it('when variant 0 is asked, then it is the style of folders rendered before variants existed', () => {
    expect(ids.map((id) => chooseDrawingStyle('train', id, 300, 0))).toEqual(trainStyles);
    const variant1 = ids.map((id) => chooseDrawingStyle('train', id, 300, 1)!.options);
    expect(variant1.filter((o, i) => o.rotate !== train[i]!.rotate).length).toBeGreaterThan(ids.length * 0.9);
  });

  it('when the same compound id is asked again, then the options are the same', () => {
    expect(styles('unseen')).toEqual(unseenStyles);
    expect(chooseDrawingStyle('train', 'A', 300)).not.toEqual(chooseDrawingStyle('train', 'B', 300));
  });
});
