import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataEngineeringError } from '../shared/errors';
import { readJsonArray, type InputFacts } from './read-json-array';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'de-json-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readAll(text: string, maxElementChars?: number) {
  const file = path.join(dir, `input-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, text);
  const values: unknown[] = [];
  const rows: [number, number][] = [];
  let facts: InputFacts | undefined;
  for await (const e of readJsonArray(file, { onEnd: (f) => (facts = f), maxElementChars })) {
    values.push(e.value);
    rows.push([e.row, e.line]);
  }
  return { values, rows, facts };
}

describe('readJsonArray', () => {
  it.each([
    ['an empty array', '[]', []],
    [
      'scalars, null and nested values',
      '[1, "a", null, true, {"a": [1, {"b": "]"}]}, [[]]]',
      [1, 'a', null, true, { a: [1, { b: ']' }] }, [[]]],
    ],
    [
      'strings with escaped quotes, brackets and commas',
      String.raw`["a\"],[", "\\", "{,}"]`,
      ['a"],[', '\\', '{,}'],
    ],
    ['a byte-order mark and surrounding whitespace', '\ufeff \n [ {"x": 1} ] \n', [{ x: 1 }]],
  ])('when the file holds %s, then it yields each element in order', async (_name, text, expected) => {
    expect((await readAll(text)).values).toEqual(expected);
  });

  it('when elements span read chunks and hold multi-byte characters, then none is split or lost', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({
      id: `r${i}`,
      name: 'Ω≈ç√∫ – ünïcødé '.repeat(3),
    }));
    const { values, rows, facts } = await readAll(
      `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`,
    );
    expect(values).toEqual(records);
    expect(rows[2999]).toEqual([3000, 3001]);
    expect(facts?.bytes).toBeGreaterThan(64 * 1024 * 2);
    expect(facts?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    ['an object instead of an array', '{"compound_id": "x"}', /expected a JSON array.*starts with "\{"/],
    ['text that is not JSON', 'compound_id,num_rings\n', /expected a JSON array.*starts with "c"/],
    ['a truncated array', '[{"a": 1}, {"b":', /ends before the array is closed.*after record 1/],
    ['an invalid element', '[{"a": 1},\n {"b": nope}]', /record 2 \(line 2\) is not valid JSON/],
    ['a trailing comma', '[1, 2, ]', /record 3 .* is empty: a stray or trailing comma/],
    ['text after the closing bracket', '[1] [2]', /unexpected "\[" after the closing/],
    ['an unmatched brace', '[1, }]', /unmatched '}'/],
  ])('when the file is %s, then it throws MALFORMED_INPUT saying where', async (_name, text, message) => {
    const attempt = readAll(text);
    await expect(attempt).rejects.toThrow(DataEngineeringError);
    await expect(attempt).rejects.toMatchObject({ code: 'MALFORMED_INPUT', message });
  });

  it('when one element is larger than the limit, then it stops instead of buffering it', async () => {
    const text = `[${JSON.stringify({ big: 'x'.repeat(200_000) })}]`;
    await expect(readAll(text, 100_000)).rejects.toMatchObject({ message: /record 1 .* longer than 100000/ });
  });

  it('when the file does not exist, then it throws SOURCE_NOT_FOUND', async () => {
    const reading = readJsonArray(path.join(dir, 'missing.json')).next();
    await expect(reading).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });
});
