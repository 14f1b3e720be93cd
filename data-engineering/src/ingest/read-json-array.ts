import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DataEngineeringError } from '../shared/errors';

/** One element of the top-level array, with its 1-based position. */
export interface ArrayElement {
  row: number;
  line: number;
  value: unknown;
}

/** Facts about the whole input, known once the array has been read to its end. */
export interface InputFacts {
  bytes: number;
  sha256: string;
}

/** Hooks of {@link readJsonArray}. */
export interface ReadJsonArrayOptions {
  /** Called after each chunk with bytes consumed so far. */
  onBytes?: (bytesRead: number) => void;
  /** Called once, when the closing bracket has been read. */
  onEnd?: (facts: InputFacts) => void;
  /** A single element larger than this (characters) is a malformed file. */
  maxElementChars?: number;
}

const enum State {
  Start,
  FirstElement,
  Element,
  AfterElement,
  End,
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

/**
 * Streams the elements of a file holding one JSON array, with memory bounded by
 * the largest element. Anything that is not exactly one array of JSON values
 * (not JSON, another top-level value, truncated, trailing text) throws a
 * MALFORMED_INPUT error naming where the problem is.
 */
export async function* readJsonArray(
  file: string,
  options: ReadJsonArrayOptions = {},
): AsyncGenerator<ArrayElement> {
  const maxElementChars = options.maxElementChars ?? 1 << 20;
  const fail = (message: string, cause?: unknown): never => {
    throw new DataEngineeringError('MALFORMED_INPUT', `${file}: ${message}`, { cause });
  };
  const decoder = new StringDecoder('utf8');
  const hash = createHash('sha256');
  let state = State.Start as State;
  let buf = '';
  let start = 0; // where the current element begins in buf
  let depth = 0;
  let inString = false;
  let escaped = false;
  let row = 0;
  let line = 1;
  let elementLine = 1;
  let bytes = 0;

  // Returns the element and the line it starts on (the slice may begin with newlines).
  const parse = (text: string): { value: unknown; line: number } => {
    const trimmed = text.trim();
    const at = elementLine + (text.slice(0, text.length - text.trimStart().length).split('\n').length - 1);
    if (trimmed === '') fail(`record ${row + 1} (line ${at}) is empty: a stray or trailing comma?`);
    try {
      return { value: JSON.parse(trimmed), line: at };
    } catch (error) {
      return fail(`record ${row + 1} (line ${at}) is not valid JSON: ${(error as Error).message}`, error);
    }
  };

  let stream;
  try {
    stream = createReadStream(file);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      hash.update(chunk);
      const scanned = buf.length - start; // carried-over characters are already scanned
      buf = buf.slice(start) + decoder.write(chunk);
      start = 0;
      for (let i = scanned; i < buf.length; i += 1) {
        const c = buf.charCodeAt(i);
        if (c === 0x0a) line += 1;
        if (state === State.Element) {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 0x5c) escaped = true;
            else if (c === 0x22) inString = false;
          } else if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth += 1;
          else if (c === 0x7d || (c === 0x5d && depth > 0)) depth -= 1;
          else if (depth === 0 && (c === 0x2c || c === 0x5d)) {
            const { value, line: at } = parse(buf.slice(start, i));
            row += 1;
            yield { row, line: at, value };
            if (c === 0x5d) state = State.End;
            else ({ start, elementLine } = { start: i + 1, elementLine: line });
          }
          if (depth < 0) fail(`record ${row + 1} (line ${elementLine}) has an unmatched '}'`);
          continue;
        }
        if (WHITESPACE.has(c)) continue;
        if (state === State.Start) {
          if (c !== 0x5b)
            fail(`expected a JSON array of records, but the file starts with ${JSON.stringify(buf[i])}`);
          state = State.FirstElement;
        } else if (state === State.FirstElement && c === 0x5d) {
          state = State.End;
        } else if (state === State.FirstElement) {
          ({ state, start, elementLine } = { state: State.Element, start: i, elementLine: line });
          i -= 1; // scan this character again, as the element's first
        } else if (state === State.End) {
          fail(`unexpected ${JSON.stringify(buf[i])} after the closing ']' (line ${line})`);
        }
      }
      if (state === State.Element && buf.length - start > maxElementChars) {
        fail(`record ${row + 1} (line ${elementLine}) is longer than ${maxElementChars} characters`);
      }
      if (state !== State.Element) ({ buf, start } = { buf: '', start: 0 });
      options.onBytes?.(bytes);
    }
  } catch (error) {
    if (error instanceof DataEngineeringError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataEngineeringError(
      code === 'ENOENT' ? 'SOURCE_NOT_FOUND' : 'MALFORMED_INPUT',
      `cannot read ${file}: ${(error as Error).message}; check --data_loc and --file_name`,
      { cause: error },
    );
  } finally {
    stream?.destroy();
  }
  if (bytes === 0) fail('the file is empty; expected a JSON array of records');
  if (state !== State.End) fail(`the file ends before the array is closed (truncated?) after record ${row}`);
  options.onEnd?.({ bytes, sha256: hash.digest('hex') });
}
