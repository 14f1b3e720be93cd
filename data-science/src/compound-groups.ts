// Groups of compounds to score apart: a CSV of compound_id and one more column
// (e.g. data-engineering's ring-kinds: compound_id,ring_kind). Evaluation then
// reports each group as it reports each source.
import { promises as fs } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { TrainingError } from './errors';

/** The group of each listed compound, and the column the groups came from. */
export interface CompoundGroups {
  /** The group column's name in the CSV header, e.g. ring_kind. */
  column: string;
  groupOf: ReadonlyMap<string, string>;
}

/** What compounds no groups file lists are reported as. */
export const UNLISTED_GROUP = '(not listed)';

/**
 * Read one or more CSVs with a header `compound_id,<group>`; every file must name
 * the same group column. A compound listed twice must be in the same group.
 */
export async function readCompoundGroups(files: readonly string[]): Promise<CompoundGroups> {
  const groupOf = new Map<string, string>();
  let column: string | undefined;
  for (const file of files) {
    const rows = parseGroupsFile(file, await readGroupsFile(file));
    const header = rows[0];
    if (column !== undefined && header[1] !== column) {
      throw invalid(file, `its group column is "${header[1]}", an earlier file's is "${column}"`);
    }
    column = header[1];
    rows.slice(1).forEach(([id, group], i) => {
      const known = groupOf.get(id);
      if (known !== undefined && known !== group) {
        throw invalid(file, `row ${i + 2}: ${id} is in group "${group}" here and "${known}" before`);
      }
      groupOf.set(id, group);
    });
  }
  if (column === undefined) throw new TrainingError('INVALID_OPTIONS', 'no groups file given');
  return { column, groupOf };
}

async function readGroupsFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new TrainingError('INVALID_DATA', `cannot read groups file ${file}: ${(err as Error).message}`);
  }
}

/** Rows of two non-empty cells, the first row the header (compound_id, the group column). */
function parseGroupsFile(file: string, text: string): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw invalid(file, (err as Error).message);
  }
  if (rows.length === 0) throw invalid(file, 'it is empty (a header compound_id,<group> is needed)');
  const bad = rows.findIndex((row) => row.length !== 2 || row.some((cell) => cell.trim() === ''));
  if (bad !== -1) throw invalid(file, `row ${bad + 1} is not two non-empty cells`);
  if (rows[0][0] !== 'compound_id') {
    throw invalid(file, `its header must start with compound_id, not "${rows[0][0]}"`);
  }
  return rows;
}

function invalid(file: string, why: string): TrainingError {
  return new TrainingError('INVALID_DATA', `groups file ${file}: ${why}`);
}
