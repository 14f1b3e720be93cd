// A short real training run through the CLI (built dist/, native TensorFlow,
// no tracking) shows progress within the epoch: a redrawn line on a terminal,
// plain lines in a log.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeRingFixture } from './__tests__/ring-fixture';

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../..');
const CLI = path.join(root, 'data-science/dist/cli.js');
const PROGRESS = /epoch 1\/2 {2}batch 1\/(\d+) \(\d+%\) {2}\d+ img\/s {2}left: epoch \d+:\d\d, run \d+:\d\d/;

describe('train CLI progress', () => {
  let fixture: string;
  let work: string;
  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'data-science'], {
      cwd: root,
    });
    fixture = await makeRingFixture({ perClass: 10, maxRings: 3 });
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'train-progress-'));
  });
  afterAll(() => Promise.all([fixture, work].map((d) => fs.rm(d, { recursive: true, force: true }))));

  const args = (version: string) =>
    [
      ...['train', '--version', version, '--arch', 'v1', '--epochs', '2', '--image-size', '32'],
      ...['--batch-size', '4', '--no-tracking', '--data', fixture],
      ...['--out', path.join(work, 'models'), '--reports', path.join(work, 'reports')],
    ].join(' ');

  it('when stderr is a log, then it gets plain progress lines and stdout the epoch lines', () => {
    const run = spawnSync(process.execPath, [CLI, ...args('log').split(' ')], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const [line] = run.stderr.split('\n').filter((l) => l.startsWith('epoch '));
    const match = PROGRESS.exec(line);
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThan(1);
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toMatch(/\[train\] epoch 1\/2 {2}loss/);
    expect(run.stdout).toMatch(/\[train\] epoch 2\/2 {2}loss/);
  });

  it('when stderr is a terminal, then the progress line is redrawn and cleared before each log line', () => {
    // script(1) gives the CLI a real pseudo-terminal.
    const out = execFileSync('script', ['-qfec', `${process.execPath} ${CLI} ${args('tty')}`, '/dev/null'], {
      encoding: 'utf8',
    }).replaceAll('\x1b[K', '<erase line>');
    expect(out).toMatch(
      /\repoch 1\/2 \[[#-]{10}\] batch 1\/\d+ {2}\d+ img\/s {2}left: epoch \d+:\d\d, run \d+:\d\d<erase line>/,
    );
    expect(out).toMatch(/<erase line>\r<erase line>\[train\] epoch 1\/2 {2}loss/);
    expect(out).toMatch(/\[train\] done: /);
  });
});
