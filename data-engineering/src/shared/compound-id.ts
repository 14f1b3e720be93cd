/**
 * A compound id names its image file in the dataset (`images/<id>.png`), so it
 * must be a plain file name: letters, digits, '.', '_' or '-', no separators.
 */
export const COMPOUND_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
