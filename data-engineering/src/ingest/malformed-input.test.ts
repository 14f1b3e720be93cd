import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { exists, makeTempRoot, realRecords, writeRawSet } from '../__tests__/raw-fixture';
import { ingestDataset } from './ingest-dataset';

let root: string;
let data: string;
beforeAll(async () => {
  root = await makeTempRoot();
  data = path.join(root, 'data');
  await writeRawSet(data, await realRecords(5));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('ingestDataset on a malformed input file', () => {
  const good = () => readFile(path.join(data, 'compounds.json'), 'utf8');

  it.each([
    ['not JSON', async () => 'compound_id,num_rings,image\nNSC1,1,images/NSC1.png\n'],
    ['not an array', async () => '{"compound_id": "NSC1"}'],
    ['truncated', async () => (await good()).slice(0, -40)],
  ])('when it is %s, then it fails with MALFORMED_INPUT and writes nothing', async (kind, text) => {
    await writeFile(path.join(data, `${kind}.json`), await text());
    const out = path.join(root, `out-${kind}`);
    const dlq = path.join(root, `dlq-${kind}`, 'dlq.log');
    await expect(
      ingestDataset({ dataLoc: data, fileName: `${kind}.json`, outputPath: out, dlq }),
    ).rejects.toMatchObject({
      code: 'MALFORMED_INPUT',
    });
    expect(await exists(out)).toBe(false);
    expect(await exists(dlq)).toBe(false);
  });

  it('when a dataset exists and the next input is truncated, then the dataset and the DLQ are left as they were', async () => {
    const out = path.join(root, 'out');
    const dlq = path.join(root, 'dlq.log');
    const first = await ingestDataset({ dataLoc: data, outputPath: out, dlq });
    const before = await Promise.all(
      ['compound_rings.csv', 'manifest.json'].map((f) => readFile(path.join(out, f))),
    );
    for (const append of [false, true]) {
      const attempt = ingestDataset({
        dataLoc: data,
        fileName: 'truncated.json',
        outputPath: out,
        dlq,
        append,
      });
      await expect(attempt).rejects.toMatchObject({ code: 'MALFORMED_INPUT' });
    }
    const after = await Promise.all(
      ['compound_rings.csv', 'manifest.json'].map((f) => readFile(path.join(out, f))),
    );
    expect(after).toEqual(before);
    expect(await exists(dlq)).toBe(first.counts.rejected > 0);
    expect(await exists(path.join(out, '.ingest-staging'))).toBe(false);
  });

  it('when another live process holds the output lock, then it fails with OUTPUT_LOCKED', async () => {
    const out = path.join(root, 'out');
    const owner = {
      pid: process.pid,
      hostname: hostname(),
      acquired_at: 'now',
      token: 't',
      lease_ms: 60_000,
    };
    await writeFile(path.join(out, '.ingest.lock'), JSON.stringify(owner));
    await expect(
      ingestDataset({ dataLoc: data, outputPath: out, dlq: path.join(root, 'dlq.log') }),
    ).rejects.toMatchObject({
      code: 'OUTPUT_LOCKED',
      message: expect.stringContaining(`pid ${process.pid}`),
    });
    await rm(path.join(out, '.ingest.lock'));
  });

  it('when output_path is data_loc itself, then it refuses before touching anything', async () => {
    const attempt = ingestDataset({
      dataLoc: data,
      outputPath: path.join(data, '.'),
      dlq: path.join(root, 'x.log'),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(await exists(path.join(data, 'compounds.json'))).toBe(true);
  });

  it('when data_loc does not exist, then it fails with SOURCE_NOT_FOUND', async () => {
    const attempt = ingestDataset({
      dataLoc: path.join(root, 'nope'),
      outputPath: path.join(root, 'o'),
      dlq: 'x',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });
});
