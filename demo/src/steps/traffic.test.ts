import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCompounds } from './traffic';

describe('readCompounds', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-traffic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when some records have no image (RDKit could not draw them), then only the drawn ones are sent', () => {
    const drawn = {
      compound_id: 'CHEMBL1',
      image: 'images/CHEMBL1.png',
      num_rings: 2,
      smiles: 'c1ccccc1C1CC1',
    };
    const undrawn = { compound_id: 'CHEMBL2', image: null, num_rings: null, smiles: 'nonsense' };
    writeFileSync(path.join(dir, 'compounds.json'), JSON.stringify([drawn, undrawn]));
    expect(readCompounds(dir)).toEqual([
      { compound_id: 'CHEMBL1', image: 'images/CHEMBL1.png', num_rings: 2 },
    ]);
  });

  it('when compounds.json is not an array, then it says so', () => {
    const other = mkdtempSync(path.join(dir, 'bad-'));
    writeFileSync(path.join(other, 'compounds.json'), '{"compound_id": "x"}');
    expect(() => readCompounds(other)).toThrow(/expected array/);
  });
});
