import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outputOf, spawnTs } from '../__tests__/run-ts';
import { stagePath } from './commit';

// A power loss cannot be staged in a test; strace shows what reached the kernel, in order.
const strace = spawnSync('strace', ['-f', '-o', '/dev/null', 'true']).status === 0;
const traced = strace ? it : it.skip;

let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'de-durable-'));
});
afterEach(() => rm(out, { recursive: true, force: true }));

async function writeDataset(dir: string, tag: string): Promise<void> {
  await mkdir(path.join(dir, 'images'), { recursive: true });
  for (const n of [1, 2, 3]) await writeFile(path.join(dir, 'images', `${tag}${n}.png`), tag);
  await writeFile(path.join(dir, 'compound_rings.csv'), `${tag} csv`);
  await writeFile(path.join(dir, 'manifest.json'), `${tag} manifest`);
}

/** The syscalls of a child running commitStage(out), one line each, in order. */
async function traceCommit(): Promise<string[]> {
  const log = path.join(path.dirname(out), `${path.basename(out)}.strace`);
  const code = `require(${JSON.stringify(require.resolve('./commit'))}).commitStage(${JSON.stringify(out)})`;
  const calls = 'trace=fsync,fdatasync,openat,rename,renameat,renameat2,unlink,unlinkat';
  // strace runs node, which runs spawnTs's bootstrap: swap the executable for strace's.
  const child = spawnTs(code, [], ['strace', '-f', '-y', '-e', calls, '-o', log]);
  await outputOf(child);
  const lines = (await readFile(log, 'utf8')).split('\n');
  await rm(log, { force: true });
  return lines;
}

describe('commitStage durability', () => {
  traced(
    'when a stage is committed (seen with strace; skipped where strace cannot run), then every staged file and folder is fsynced before READY, READY before the first rename, and the old CSV is never unlinked',
    async () => {
      await writeDataset(out, 'old');
      const stage = stagePath(out);
      await writeDataset(stage, 'new');
      const lines = await traceCommit();
      const first = (test: (line: string) => boolean) => lines.findIndex(test);
      const isSync = (l: string) => l.includes('fsync(') || l.includes('fdatasync(');
      const fsynced = (file: string) => first((l) => isSync(l) && l.includes(`<${file}>`));
      const readyCreated = first((l) => l.includes('openat(') && l.includes(`${path.join(stage, 'READY')}"`));
      const firstRename = first((l) => /\brename(at|at2)?\(/.test(l));
      expect(readyCreated).toBeGreaterThan(0);
      const staged = [
        'compound_rings.csv',
        'manifest.json',
        'images/new1.png',
        'images/new3.png',
        'images',
        '',
      ];
      for (const file of staged) {
        const at = fsynced(path.join(stage, file).replace(/\/$/, ''));
        expect({ file, fsyncedBeforeReady: at >= 0 && at < readyCreated }).toEqual({
          file,
          fsyncedBeforeReady: true,
        });
      }
      const readySynced = fsynced(path.join(stage, 'READY'));
      expect(readySynced).toBeGreaterThan(readyCreated);
      expect(readySynced).toBeLessThan(firstRename);
      const csv = path.join(out, 'compound_rings.csv');
      expect(lines.filter((l) => /\bunlink(at)?\(/.test(l) && l.includes(`${csv}"`))).toEqual([]);
      expect(await readFile(csv, 'utf8')).toBe('new csv');
    },
  );
});
