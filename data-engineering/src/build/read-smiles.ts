import { readFile } from 'node:fs/promises';
import { DataEngineeringError } from '../shared/errors';

/** One line of a .smi file: SMILES, a tab, an identifier. */
export interface SmilesEntry {
  /** 1-based line number in the source file. */
  line: number;
  smiles: string;
  sourceId: string;
}

/** Reads `limit` entries of a .smi file after skipping `offset` non-empty lines. */
export async function readSmiles(source: string, offset: number, limit?: number): Promise<SmilesEntry[]> {
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw new DataEngineeringError(
      'SOURCE_NOT_FOUND',
      `cannot read the SMILES source ${source}: pass --source with a .smi file (SMILES<TAB>id per line)`,
      { cause: error },
    );
  }
  const entries: SmilesEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const [smiles, sourceId] = raw.split(/\s+/, 2);
    if (!sourceId) {
      throw new DataEngineeringError(
        'MALFORMED_INPUT',
        `${source}:${i + 1}: expected "SMILES<TAB>id", got ${JSON.stringify(raw.slice(0, 80))}`,
      );
    }
    entries.push({ line: i + 1, smiles, sourceId });
  }
  return entries.slice(offset, limit === undefined ? undefined : offset + limit);
}
