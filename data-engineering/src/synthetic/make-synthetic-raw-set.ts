import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, readFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { mapOrdered } from '../shared/map-ordered';
import { stableStringify } from '../shared/stable-json';
import { rawRecordSchema, type RawRecord } from '../ingest/record-schema';
import { removeTree } from '../shared/remove-tree';

/** Options of {@link makeSyntheticRawSet}. */
export interface SyntheticRawSetOptions {
  /** A raw folder (compounds.json + images/) whose good records are reused. */
  from: string;
  /** Folder to create (replaced if present), with the same layout. */
  out: string;
  /** Records to write. */
  count: number;
  /** Hard-link the images (fast, no space) instead of copying them. */
  link?: boolean;
}

export interface SyntheticRawSet {
  out: string;
  records: number;
  seconds: number;
}

/**
 * Makes an N-record raw set for benchmarks and scale tests by cycling over the
 * well-formed records of `from`: ids SYN0000001..., each with its own image file
 * (a hard link or a copy of the original).
 */
export async function makeSyntheticRawSet(options: SyntheticRawSetOptions): Promise<SyntheticRawSet> {
  const started = process.hrtime.bigint();
  const base = await readGoodRecords(options.from);
  if (base.length === 0) throw new Error(`${options.from}/compounds.json has no well-formed record to reuse`);
  removeTree(options.out);
  await mkdir(path.join(options.out, 'images'), { recursive: true });
  const json = createWriteStream(path.join(options.out, 'compounds.json'));
  const place = options.link === false ? copyFile : link;
  const make = async (i: number) => {
    const original = base[i % base.length];
    const id = `SYN${String(i + 1).padStart(7, '0')}`;
    const record: RawRecord = { ...original, compound_id: id, image: `images/${id}.png` };
    await place(path.join(options.from, original.image), path.join(options.out, record.image));
    return record;
  };
  json.write('[\n');
  for await (const record of mapOrdered(indices(options.count), 16, make)) {
    const line = `${record.compound_id === 'SYN0000001' ? '' : ',\n'}${stableStringify(record)}`;
    if (!json.write(line)) await once(json, 'drain');
  }
  json.end('\n]\n');
  await once(json, 'finish');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { out: options.out, records: options.count, seconds };
}

function* indices(count: number): Generator<number> {
  for (let i = 0; i < count; i += 1) yield i;
}

async function readGoodRecords(from: string): Promise<RawRecord[]> {
  const values = JSON.parse(await readFile(path.join(from, 'compounds.json'), 'utf8')) as unknown[];
  const seen = new Set<string>();
  const good: RawRecord[] = [];
  for (const value of values) {
    const parsed = rawRecordSchema.safeParse(value);
    if (!parsed.success || seen.has(parsed.data.compound_id) || parsed.data.compound_id.startsWith('BAD-'))
      continue;
    if (!/^images\/[^/]+\.png$/.test(parsed.data.image)) continue;
    seen.add(parsed.data.compound_id);
    good.push(parsed.data);
  }
  return good;
}
