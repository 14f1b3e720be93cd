import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { makeTempRoot, realRecords, writeRawSet } from '../__tests__/raw-fixture';
import { ingestDataset } from './ingest-dataset';

/** Every entry under `dir` (not following symlinks) with its type, size and content hash. */
async function snapshot(dir: string, skip: string[]): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const file = path.join(dir, name);
    if (skip.includes(file)) continue;
    const stat = await lstat(file);
    if (stat.isDirectory()) Object.assign(result, await snapshot(file, skip));
    else if (stat.isFile())
      result[file] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    else result[file] = stat.isSymbolicLink() ? 'symlink' : 'other';
  }
  return result;
}

describe('ingestDataset confinement', () => {
  let root: string;
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('when image paths lead outside data_loc (symlinks included), then nothing there is opened and nothing outside the given folders is written', async () => {
    root = await makeTempRoot();
    // A FIFO blocks whoever opens it for reading: opening it would hang this test.
    const fifo = path.join(root, 'outside', 'trap.png');
    execFileSync('mkfifo', [fifo]);
    const data = path.join(root, 'data');
    const good = await realRecords(3);
    const trap = (id: string, image: string) => ({ ...good[0], compound_id: id, image });
    await writeRawSet(data, [
      ...good,
      trap('T-relative', '../outside/trap.png'),
      trap('T-absolute', fifo),
      trap('T-symlink', 'images/trap.png'),
      trap('T-dir-symlink', 'linked/trap.png'),
    ]);
    await symlink(fifo, path.join(data, 'images', 'trap.png'));
    await symlink(path.join(root, 'outside'), path.join(data, 'linked'));
    const out = path.join(root, 'out');
    const dlqDir = path.join(root, 'dlq');
    const before = await snapshot(root, [out, dlqDir, fifo]);

    const summary = await ingestDataset({
      dataLoc: data,
      outputPath: out,
      dlq: path.join(dlqDir, 'dlq.log'),
    });

    expect(summary.counts).toMatchObject({ read: 7, accepted: 3, rejected: 4 });
    expect(await snapshot(root, [out, dlqDir, fifo])).toEqual(before);
    const dlq = await readFile(path.join(dlqDir, 'dlq.log'), 'utf8');
    expect(dlq.match(/outside_data_loc|absolute_path|symlink_outside/g)).toHaveLength(4);
  });
});
