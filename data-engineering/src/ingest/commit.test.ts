import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commitStage, commitSteps, recoverStage, stagePath } from './commit';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'de-commit-'));
  await writeDataset(out, 'old');
  await writeDataset(stagePath(out), 'new');
});
afterEach(() => rm(out, { recursive: true, force: true }));

async function writeDataset(dir: string, tag: string): Promise<void> {
  await mkdir(path.join(dir, 'images'), { recursive: true });
  await writeFile(path.join(dir, 'images', `${tag}.png`), tag);
  await writeFile(path.join(dir, 'compound_rings.csv'), `${tag} csv`);
  await writeFile(path.join(dir, 'manifest.json'), `${tag} manifest`);
}

async function contents(dir: string) {
  return {
    entries: (await readdir(dir)).sort(),
    images: await readdir(path.join(dir, 'images')),
    csv: await readFile(path.join(dir, 'compound_rings.csv'), 'utf8'),
    manifest: await readFile(path.join(dir, 'manifest.json'), 'utf8'),
  };
}

const NEW = {
  entries: ['compound_rings.csv', 'images', 'manifest.json'],
  images: ['new.png'],
  csv: 'new csv',
  manifest: 'new manifest',
};
const OLD = { ...NEW, images: ['old.png'], csv: 'old csv', manifest: 'old manifest' };

describe('commitStage and recoverStage', () => {
  it('when the staged dataset is committed, then it replaces the old one and the staging folder is gone', async () => {
    await commitStage(out);
    expect(await contents(out)).toEqual(NEW);
  });

  it('when a run died before its stage was READY, then recovery discards the stage and keeps the old dataset', async () => {
    expect(await recoverStage(out)).toBe('discarded');
    expect(await contents(out)).toEqual(OLD);
  });

  // Each step is what an earlier version's commit (which removed the old CSV first)
  // had done when killed: recovery still finishes what those left behind.
  const steps: [string, (stage: string) => Promise<void>][] = [
    ['READY written', async () => undefined],
    [
      'old CSV and manifest removed',
      async () => {
        await rm(path.join(out, 'manifest.json'));
        await rm(path.join(out, 'compound_rings.csv'));
      },
    ],
    [
      'old images moved aside',
      async (stage) => rename(path.join(out, 'images'), path.join(stage, 'images-old')),
    ],
    ['new images moved in', async (stage) => rename(path.join(stage, 'images'), path.join(out, 'images'))],
    [
      'new CSV moved in',
      async (stage) => rename(path.join(stage, 'compound_rings.csv'), path.join(out, 'compound_rings.csv')),
    ],
  ];
  it.each(steps.map(([name], i) => [name, i]))(
    'when a commit was killed after "%s", then recovery finishes it',
    async (_name, last) => {
      const stage = stagePath(out);
      await writeFile(path.join(stage, 'READY'), '');
      for (const [, step] of steps.slice(0, Number(last) + 1)) await step(stage);
      expect(await recoverStage(out)).toBe('finished');
      expect(await contents(out)).toEqual(NEW);
    },
  );

  // Names only: each test builds the steps for its own output folder.
  const names = commitSteps('out').map((step) => step.name);
  it.each(names.map((name, i) => [name, i]))(
    'when the commit is killed after "%s", then the CSV is the old or the new one, whole, and recovery ends with one dataset',
    async (_name, last) => {
      for (const step of commitSteps(out).slice(0, Number(last) + 1)) await step.run();
      const csv = await readFile(path.join(out, 'compound_rings.csv'), 'utf8');
      expect(['old csv', 'new csv']).toContain(csv);
      const ready = Number(last) >= names.indexOf('write READY');
      await recoverStage(out);
      expect(await contents(out)).toEqual(ready ? NEW : OLD);
    },
  );
});
