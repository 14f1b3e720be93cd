/** One thing wrong with a record: a stable code for grouping and words for a person. */
export interface Problem {
  /** e.g. `schema.num_rings`, `image.outside_data_loc`, `duplicate.conflict`. */
  code: string;
  /** What is wrong and how to fix it, naming the field and the value. */
  message: string;
}

/** A short, printable rendering of a value for an error message. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
