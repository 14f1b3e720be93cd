import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CheckedRecord } from './decide';
import type { Problem } from './problem';

/** One line of the dead-letter queue. */
export interface DlqEntry {
  time: string;
  /** The records file, as given (data_loc/file_name). */
  file: string;
  /** 1-based position of the record in the array. */
  row: number;
  /** Every problem, in words a person can act on, joined by '; '. */
  error: string;
  /** One stable code per problem (plus the stack of an unexpected I/O error). */
  trace: string[];
  /** The record as read. */
  data: unknown;
}

/** The DLQ line for a rejected record. */
export function toDlqEntry(file: string, checked: CheckedRecord, problems: Problem[]): DlqEntry {
  return {
    time: new Date().toISOString(),
    file,
    row: checked.row,
    error: problems.map((p) => p.message).join('; '),
    trace: [...problems.map((p) => p.code), ...(checked.crash?.stack.split('\n') ?? [])],
    data: checked.value,
  };
}

/** Appends a run's staged DLQ lines to the DLQ file (created with its folder if needed). */
export async function appendDlq(staged: string, dlq: string): Promise<void> {
  await mkdir(path.dirname(dlq), { recursive: true });
  await pipeline(createReadStream(staged), createWriteStream(dlq, { flags: 'a' }));
}
