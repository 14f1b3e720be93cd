// Local file helpers on a real temp dir: the folder walk, the path guard for
// downloads, atomic writes and bounded concurrency.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { insideRoot, listLocalFiles, mapLimit, writeStreamToFile } from './local-files';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlflow-client-files-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('listLocalFiles', () => {
  it('when a folder has nested files and a symlink, then regular files are listed sorted with /', async () => {
    await mkdir(path.join(dir, 'b/c'), { recursive: true });
    await writeFile(path.join(dir, 'b/c/d.bin'), 'd');
    await writeFile(path.join(dir, 'a.txt'), 'a');
    await symlink(path.join(dir, 'a.txt'), path.join(dir, 'link.txt'));
    expect(await listLocalFiles(dir)).toEqual(['a.txt', 'b/c/d.bin']);
  });
});

describe('insideRoot', () => {
  it.each(['../x', 'a/../../x', '../../../../../../etc/passwd'])(
    'when the relative path is %s, then it is refused',
    (relative) => {
      expect(() => insideRoot(dir, relative)).toThrow(/outside/);
    },
  );

  it('when the relative path stays inside, then it resolves under the root', () => {
    expect(insideRoot(dir, 'model/weights.bin')).toBe(path.join(dir, 'model', 'weights.bin'));
  });
});

describe('writeStreamToFile', () => {
  it('when the stream completes, then the file holds it and no temp file is left', async () => {
    const file = path.join(dir, 'out/f.bin');
    expect(await writeStreamToFile(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), file)).toBe(4);
    expect(await readFile(file, 'utf8')).toBe('abcd');
    expect(await readdir(path.dirname(file))).toEqual(['f.bin']);
  });

  it('when the stream fails midway, then neither the file nor a temp file exists', async () => {
    const failing = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('connection reset'));
      },
    });
    const file = path.join(dir, 'f.bin');
    await expect(writeStreamToFile(failing, file)).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('mapLimit', () => {
  it('when tasks run, then at most `limit` run at once and results keep the input order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
