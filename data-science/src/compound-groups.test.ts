import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCompoundGroups } from './compound-groups';
import { TrainingError } from './errors';

describe('readCompoundGroups', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-groups-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const file = async (name: string, text: string) => {
    const at = path.join(dir, name);
    await fs.writeFile(at, text);
    return at;
  };

  it('when files list compounds under one group column, then every compound has its group', async () => {
    const a = await file('a.csv', 'compound_id,ring_kind\nCHEMBL1,bridged\nCHEMBL2,fused\n');
    const b = await file('b.csv', 'compound_id,ring_kind\nPC7,small-ring\nCHEMBL1,bridged\n');
    const groups = await readCompoundGroups([a, b]);
    expect(groups.column).toBe('ring_kind');
    expect([...groups.groupOf]).toEqual([
      ['CHEMBL1', 'bridged'],
      ['CHEMBL2', 'fused'],
      ['PC7', 'small-ring'],
    ]);
  });

  it.each([
    ['no header', 'CHEMBL1,bridged\n', /header must start with compound_id/],
    [
      'a row of three cells',
      'compound_id,ring_kind\nCHEMBL1,bridged,x\n',
      /row 2 is not two non-empty cells/,
    ],
    ['an empty group', 'compound_id,ring_kind\nCHEMBL1,\n', /row 2 is not two non-empty cells/],
    ['nothing at all', '', /it is empty/],
    [
      'a compound in two groups',
      'compound_id,ring_kind\nC1,bridged\nC1,fused\n',
      /C1 is in group "fused" here and "bridged" before/,
    ],
  ])('when a file has %s, then it is refused as invalid data, naming the file', async (name, text, why) => {
    const at = await file(`${name.replace(/ /g, '-')}.csv`, text);
    const error = await readCompoundGroups([at]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ code: 'INVALID_DATA' });
    expect((error as Error).message).toContain(at);
    expect((error as Error).message).toMatch(why);
  });

  it('when two files name different group columns, then it refuses', async () => {
    const a = await file('kind.csv', 'compound_id,ring_kind\nC1,bridged\n');
    const b = await file('size.csv', 'compound_id,size\nC2,large\n');
    await expect(readCompoundGroups([a, b])).rejects.toThrow(
      /its group column is "size", an earlier file's is "ring_kind"/,
    );
  });

  it('when a file does not exist, then it says which', async () => {
    await expect(readCompoundGroups([path.join(dir, 'missing.csv')])).rejects.toThrow(
      /cannot read groups file .*missing\.csv/,
    );
  });
});
