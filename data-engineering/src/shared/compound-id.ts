import { DataEngineeringError } from './errors';

/**
 * A compound id names its image file in the dataset (`images/<id>.png`), so it
 * must be a plain file name: letters, digits, '.', '_' or '-', no separators.
 */
export const COMPOUND_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The compound id a .smi source line gives (prefix + its own id), or
 * MALFORMED_INPUT naming the line when it cannot name a file.
 */
export function compoundIdOfSourceLine(id: string, source: string, line: number): string {
  if (!COMPOUND_ID_PATTERN.test(id)) {
    throw new DataEngineeringError(
      'MALFORMED_INPUT',
      `${source}:${line}: id ${JSON.stringify(id)} cannot name a file; use letters, digits, '.', '_' or '-'`,
    );
  }
  return id;
}
