import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MainModule } from '@rdkit/rdkit';
import { exists, makeTempRoot, writeRawSetWithBadRecords } from '../__tests__/raw-fixture';
import { buildRawData } from '../build/build-raw-data';
import { loadRdkit } from '../build/render-molecule';
import { REPO_ROOT } from '../shared/repo-root';
import { classifyRingKind, readRingFacts, RING_KINDS } from './ring-kind';
import { labelRingKinds } from './ring-kinds';

// One molecule per kind, in precedence order, as a .smi source (ids 101..107).
const PER_KIND = [
  ['C1CC2CCC1C2', 'bridged'], // norbornane
  ['C1CC1c1ccccc1', 'small-ring'], // cyclopropylbenzene
  ['C1CCC2(C1)CCCCC2', 'spiro'], // spiro[4.5]decane
  ['C1CCCCCCCCCCC1', 'large-ring'], // cyclododecane
  ['c1ccc2ccccc2c1', 'fused'], // naphthalene
  ['c1ccccc1-c1ccccc1', 'isolated'], // biphenyl
  ['CCCCCC', 'acyclic'], // hexane
] as const;

let rdkit: MainModule;
let root: string;
const smiSource = () => path.join(root, 'kinds.smi');
const csv = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n');

beforeAll(async () => {
  rdkit = await loadRdkit();
  root = await makeTempRoot();
  await writeFile(smiSource(), PER_KIND.map(([smiles], i) => `${smiles}\t${101 + i}\n`).join(''));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function kindOf(smiles: string) {
  const facts = readRingFacts(rdkit, smiles);
  return facts && classifyRingKind(facts);
}

describe('classifyRingKind with RDKit', () => {
  it.each(PER_KIND)('when given %s, then it is %s', (smiles, kind) => {
    expect(kindOf(smiles)).toBe(kind);
  });

  it.each([
    ['C1CC2CC1C2', 'bridged', 'bicyclo[2.1.1]hexane has a 4-ring but is bridged first'],
    ['C1CC2(C1)CCC2', 'small-ring', 'spiro[3.3]heptane has 4-rings, which come before spiro'],
    ['C1CCCC1', 'isolated', 'cyclopentane is a ring, not a small one'],
    ['C1CCC1', 'small-ring', 'cyclobutane'],
    ['C1CCCCCC1', 'isolated', 'cycloheptane is not large'],
    ['C1CCC2(C1)CCCCCCC2', 'spiro', 'spiro[4.7]dodecane has an 8-ring but spiro comes first'],
    ['c1ccc2c(c1)CCCCCC2', 'large-ring', 'benzocyclooctene: the 8-ring comes before fused'],
    ['C1CCC(CC1)C1CCCCC1', 'isolated', 'bicyclohexyl'],
  ])('when given %s, then it is %s (%s)', (smiles, kind) => {
    expect(kindOf(smiles)).toBe(kind);
  });

  it('then the facts are RDKit descriptors and ring atoms, and no ring is an empty list', () => {
    expect(readRingFacts(rdkit, 'C1CC2CCC1C2')).toEqual({
      bridgeheadAtoms: 2,
      spiroAtoms: 0,
      rings: [
        [0, 1, 2, 6, 5],
        [2, 3, 4, 5, 6],
      ],
    });
    expect(readRingFacts(rdkit, 'CCCCCC')).toEqual({ bridgeheadAtoms: 0, spiroAtoms: 0, rings: [] });
  });

  it('when RDKit cannot parse a SMILES, then there are no facts', () => {
    expect(readRingFacts(rdkit, 'C1CC')).toBeNull();
    expect(readRingFacts(rdkit, 'not-a-smiles((')).toBeNull();
  });
});

describe('labelRingKinds', () => {
  it('when a .smi has one molecule per kind, then the CSV has a row each in source order', async () => {
    const out = path.join(root, 'kinds.csv');
    await writeFile(out, 'an older file that is replaced\n');
    const result = await labelRingKinds({ source: smiSource(), out });
    expect(await csv(out)).toEqual([
      'compound_id,ring_kind',
      ...PER_KIND.map(([, kind], i) => `${101 + i},${kind}`),
    ]);
    expect(result.rows).toBe(7);
    expect(result.kinds).toEqual(Object.fromEntries(RING_KINDS.map((kind) => [kind, 1])));
    expect(result.skipped).toEqual({ noSmiles: 0, badId: 0, duplicateId: 0, unparseable: 0 });
  });

  it('when a .smi slice has an id prefix, then the ids are the ones build-raw-data gives the images', async () => {
    const slice = { source: smiSource(), offset: 2, limit: 3, idPrefix: 'X' };
    await labelRingKinds({ ...slice, out: path.join(root, 'slice.csv') });
    await buildRawData({ ...slice, out: path.join(root, 'slice-raw'), badRecords: false });
    const built = JSON.parse(await readFile(path.join(root, 'slice-raw', 'compounds.json'), 'utf8')) as {
      compound_id: string;
    }[];
    expect(await csv(path.join(root, 'slice.csv'))).toEqual([
      'compound_id,ring_kind',
      'X103,spiro',
      'X104,large-ring',
      'X105,fused',
    ]);
    expect(built.map((r) => r.compound_id)).toEqual(['X103', 'X104', 'X105']);
  });

  it("when compounds.json has build-raw-data's bad records, then they are skipped and counted", async () => {
    const raw = path.join(root, 'raw');
    const { good, bad, total } = await writeRawSetWithBadRecords(raw, 6);
    const out = path.join(root, 'nested', 'raw.csv');
    const result = await labelRingKinds({ source: path.join(raw, 'compounds.json'), out });

    // Wrong types, missing keys and null have no smiles; '../BAD-unsafe-id' cannot be an id;
    // the conflicting duplicate repeats a good id; 'C1CC' does not parse.
    expect(result.skipped).toEqual({ noSmiles: 3, badId: 1, duplicateId: 1, unparseable: 1 });
    const rows = (await csv(out)).slice(1).map((line) => line.split(','));
    expect(rows.length).toBe(result.rows);
    expect(result.rows + 6).toBe(total);
    const withSmiles = bad.map((b) => b.record as { compound_id?: string; smiles?: unknown } | null);
    const badIds = withSmiles
      .filter((r) => typeof r?.smiles === 'string' && /^BAD-/.test(r.compound_id ?? ''))
      .map((r) => r?.compound_id);
    expect(rows.map(([id]) => id)).toEqual([...good.map((r) => r.compound_id), ...badIds]);
    // RDKit's own ring count agrees: a molecule is acyclic exactly when NumRings is 0.
    for (const [i, record] of good.entries()) {
      expect(rows[i][1] === 'acyclic').toBe(record.num_rings === 0);
    }
    expect(Object.values(result.kinds).reduce((a, b) => a + b)).toBe(result.rows);
  });

  it.each([
    ['a missing .json source', 'SOURCE_NOT_FOUND', { source: 'missing/compounds.json' }, /does not exist/],
    ['a missing .smi source', 'SOURCE_NOT_FOUND', { source: 'missing.smi' }, /does not exist/],
    ['a folder as source', 'INVALID_OPTIONS', { source: '.' }, /is a folder: pass its compounds.json/],
    ['a JSON object', 'MALFORMED_INPUT', { source: 'object.json' }, /expected a JSON array of records/],
    ['a JSON array of SMILES', 'MALFORMED_INPUT', { source: 'strings.json' }, /none of its 2 elements/],
    ['truncated JSON', 'MALFORMED_INPUT', { source: 'truncated.json' }, /ends before the array is closed/],
    ['a folder as --out', 'INVALID_OPTIONS', { out: '.' }, /cannot write --out/],
    ['--out below a file', 'INVALID_OPTIONS', { out: 'object.json/kinds.csv' }, /cannot write --out/],
    ['--id-prefix for JSON', 'INVALID_OPTIONS', { idPrefix: 'NSC' }, /apply to a .smi source only/],
  ])('when given %s, then it throws %s and writes nothing', async (_case, code, given, message) => {
    const dir = path.join(root, 'errors');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'object.json'), '{"compound_id": "A1", "smiles": "C"}');
    await writeFile(path.join(dir, 'strings.json'), '["CCO", "c1ccccc1"]');
    await writeFile(path.join(dir, 'truncated.json'), '[{"compound_id": "A1", "smiles": "C"},');
    await writeFile(path.join(dir, 'good.json'), '[{"compound_id": "A1", "smiles": "C1CC1"}]');
    const options = { source: 'good.json', out: 'kinds.csv', ...given };
    const run = labelRingKinds({
      ...options,
      source: path.join(dir, options.source),
      out: path.join(dir, options.out),
    });
    await expect(run).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await exists(path.join(dir, 'kinds.csv'))).toBe(false);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('ring-kinds CLI', () => {
  const CLI = path.join(REPO_ROOT, 'data-engineering', 'dist', 'cli.js');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'ring-kinds', ...args], { encoding: 'utf8' });

  beforeAll(() => {
    const tsc = require.resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', 'data-engineering'], { cwd: REPO_ROOT });
  }, 60_000);

  it('when asked for help, then it lists the kinds in precedence order and says the first match wins', () => {
    const { stdout, status } = run('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/first match wins/);
    const order = RING_KINDS.map((kind) => stdout.indexOf(`  ${kind} `));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  it('when run on a .smi, then it writes the CSV and a JSON summary with the counts per kind', async () => {
    const out = path.join(root, 'cli.csv');
    const { status, stderr } = run('--source', smiSource(), '--out', out, '--limit', '2', '--log', 'json');
    expect(status).toBe(0);
    expect(await csv(out)).toEqual(['compound_id,ring_kind', '101,bridged', '102,small-ring']);
    const summary = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ event: 'ring-kinds', rows: 2, kinds: { bridged: 1, 'small-ring': 1 } });
  });

  it.each([
    ['a missing source', 4, ['--source', '/nonexistent/compounds.json'], /does not exist/],
    ['a non-numeric --limit', 2, ['--limit', 'all'], /--limit/],
    [
      'an unwritable --out',
      2,
      ['--out', path.join(REPO_ROOT, 'package.json', 'kinds.csv')],
      /cannot write --out/,
    ],
  ])('when given %s, then it exits %d with a clear message', (_case, code, extra, message) => {
    const flags = { '--source': smiSource(), '--out': path.join(root, 'cli-errors.csv') };
    const args = [...Object.entries(flags).flat(), ...extra];
    const { status, stderr } = run(...args);
    expect(stderr).toMatch(message);
    expect(status).toBe(code);
  });
});
