import { execFileSync } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import { finished } from 'node:stream/promises';
import os from 'node:os';
import path from 'node:path';
import type { BatchProgress } from './batch-progress';
import { createTrainingProgress, formatDuration } from './training-progress';

const root = path.resolve(__dirname, '../..');

/** Batch b of an epoch of 10 batches of 32 images, 0.1 s per batch. */
const at = (batch: number, epoch = 1): BatchProgress => ({
  epoch,
  epochs: 3,
  batch,
  batches: 10,
  images: Math.min(batch * 32, 300),
  epochImages: 300,
  seconds: batch * 0.1,
});

describe('createTrainingProgress', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'training-progress-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function writeToFile(name: string, write: (stream: NodeJS.WritableStream) => void): Promise<string> {
    const file = path.join(dir, name);
    const stream = createWriteStream(file);
    write(stream);
    stream.end();
    await finished(stream);
    return fs.readFile(file, 'utf8');
  }

  it('when the stream is a file, then each render is one plain line with batches, images/s and time left', async () => {
    const text = await writeToFile('every.log', (stream) => {
      const progress = createTrainingProgress(stream, { intervalMs: 0 });
      for (const batch of [1, 5, 10]) progress.update(at(batch));
      progress.update(at(1, 2));
    });
    expect(text.split('\n')).toEqual([
      'epoch 1/3  batch 1/10 (10%)  320 img/s  left: epoch 0:01, run 0:03',
      'epoch 1/3  batch 5/10 (53%)  320 img/s  left: epoch 0:00, run 0:02',
      'epoch 1/3  batch 10/10 (100%)  300 img/s  left: epoch 0:00, run 0:02',
      expect.stringMatching(
        /^epoch 2\/3 {2}batch 1\/10 \(10%\) {2}320 img\/s {2}left: epoch 0:01, run 0:\d\d$/,
      ),
      '',
    ]);
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\x1b');
  });

  it('when batches come faster than the interval, then a log gets the first of them only', async () => {
    const text = await writeToFile('throttled.log', (stream) => {
      const progress = createTrainingProgress(stream);
      for (let batch = 1; batch <= 10; batch++) progress.update(at(batch));
    });
    expect(text).toBe('epoch 1/3  batch 1/10 (10%)  320 img/s  left: epoch 0:01, run 0:03\n');
  });

  it('when the stream is a terminal, then one line is redrawn in place, cut to its width, and cleared', async () => {
    // A real pseudo-terminal: script(1) runs the built reporter with stderr on a pty, told it is 60 columns wide.
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'data-science'], {
      cwd: root,
    });
    const child = path.join(dir, 'terminal.js');
    await fs.writeFile(
      child,
      [
        `const { createTrainingProgress } = require(${JSON.stringify(path.join(root, 'data-science/dist/training-progress.js'))});`,
        'process.stderr.columns = 60;',
        'const progress = createTrainingProgress(process.stderr, { intervalMs: 0 });',
        `for (const p of ${JSON.stringify([at(1), at(2)])}) progress.update(p);`,
        'progress.clear();',
        "process.stderr.write('epoch 1/3 done\\n');",
      ].join('\n'),
    );
    const out = execFileSync('script', ['-qfec', `${process.execPath} ${child}`, '/dev/null'], {
      encoding: 'utf8',
    });
    const lines = [
      'epoch 1/3 [#---------] batch 1/10  320 img/s  left: epoch 0:01, run 0:03',
      'epoch 1/3 [##--------] batch 2/10  320 img/s  left: epoch 0:01, run 0:03',
    ];
    for (const line of lines) {
      expect(out).toContain(`\r${line.slice(0, 59)}\x1b[K`);
      expect(out).not.toContain(line);
    }
    expect(out.endsWith('\x1b[K\r\x1b[Kepoch 1/3 done\r\n')).toBe(true); // the pty turns \n into \r\n
    expect(out.split('\n')).toHaveLength(2);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [7.4, '0:07'],
    [750, '12:30'],
    [3723, '1:02:03'],
    [Infinity, '?'],
    [NaN, '?'],
  ])('when %p seconds are left, then it reads %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
