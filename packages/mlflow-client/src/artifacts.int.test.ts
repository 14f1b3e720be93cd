// Artifacts through the real server's proxy: a folder (with a ~30 MB file)
// uploaded and downloaded byte-identical, streamed both ways, and listed the
// way MLflow's UI lists it.
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { testClient, uiCall, uniqueName } from './__tests__/real-server';
import { MlflowArtifactTooLargeError } from './errors';

// The real server shares two cores with other suites: allow for slow moments.
jest.setTimeout(60_000);

const mlflow = testClient();
const bigBytes = 30 * 1024 * 1024;
let dir: string;

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Write `bytes` of random data through one reused 1 MiB buffer, so the fixture stays out of memory. */
async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += chunk.length) await handle.write(randomFillSync(chunk));
  await handle.close();
}

/** V8's gc(), reachable without --expose-gc on the command line. */
function exposeGc(): (options: { type: 'minor' | 'major' }) => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
}

interface MemoryGrowth {
  /**
   * Peak growth of Buffer memory, where a file held whole would show. (The
   * resident set is no measure here: the allocator keeps freed pages, and on a
   * busy machine it grew past 30 MB with streaming working.)
   */
  buffers: number;
}

/**
 * Run `work` while sampling memory; resolves to the peak growth over the start,
 * in bytes. Each sample follows a full GC, so the figures show what is held,
 * not spent stream chunks that await collection.
 */
async function peakMemoryGrowth(work: () => Promise<void>): Promise<MemoryGrowth> {
  const gc = exposeGc();
  gc({ type: 'major' });
  const start = process.memoryUsage();
  let peak = start.arrayBuffers;
  const sample = () => {
    gc({ type: 'major' });
    const now = process.memoryUsage();
    peak = Math.max(peak, now.arrayBuffers);
  };
  const timer = setInterval(sample, 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return { buffers: peak - start.arrayBuffers };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlflow-client-artifacts-'));
  await mkdir(path.join(dir, 'up/model/weights'), { recursive: true });
  await writeFile(path.join(dir, 'up/model/model.json'), JSON.stringify({ format: 'layers-model' }));
  await writeFile(path.join(dir, 'up/model/weights/group1-shard1of1.bin'), randomBytes(4096));
  await writeFile(path.join(dir, 'up/notes with space.txt'), 'ring count\n');
  await writeFile(path.join(dir, 'up/empty.txt'), '');
  await writeRandomFile(path.join(dir, 'up/big.bin'), bigBytes);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('artifacts', () => {
  it('when a folder is uploaded and downloaded, then every file is byte-identical and memory stays flat', async () => {
    const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('artifacts'));
    const { info } = await mlflow.runs.create({ experimentId, runName: 'files' });
    const expected = [
      'big.bin',
      'empty.txt',
      'model/model.json',
      'model/weights/group1-shard1of1.bin',
      'notes with space.txt',
    ];

    let uploaded: Awaited<ReturnType<typeof mlflow.artifacts.uploadDirectory>> | undefined;
    let downloaded: typeof uploaded;
    const growth = await peakMemoryGrowth(async () => {
      uploaded = await mlflow.artifacts.uploadDirectory(info.artifactUri, path.join(dir, 'up'), 'bundle');
      downloaded = await mlflow.artifacts.downloadDirectory(
        info.artifactUri,
        'bundle',
        path.join(dir, 'down'),
      );
    });

    expect(uploaded?.files).toEqual(expected);
    expect(downloaded).toEqual(uploaded);
    expect(uploaded?.bytes).toBeGreaterThan(bigBytes);
    for (const file of expected) {
      expect(await sha256(path.join(dir, 'down', ...file.split('/')))).toBe(
        await sha256(path.join(dir, 'up', file)),
      );
    }
    // Holding the 30 MiB file whole, in either direction, would keep at least that much alive.
    // (Under heavy CPU load V8 frees spent chunks late, so streaming can show up to ~20 MB.)
    expect(growth.buffers).toBeLessThan(bigBytes);
  });

  it('when files are uploaded, then artifacts/list (client and UI route) shows them with their sizes', async () => {
    const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('listing'));
    const { info } = await mlflow.runs.create({ experimentId, runName: 'list' });
    await mlflow.artifacts.uploadFile(
      info.artifactUri,
      path.join(dir, 'up/model/model.json'),
      'model/model.json',
    );
    await mlflow.artifacts.uploadFile(`runs:/${info.runId}`, path.join(dir, 'up/notes with space.txt'));

    const root = await mlflow.artifacts.list(info.artifactUri);
    expect(root).toEqual([
      { path: 'model', isDir: true, fileSize: undefined },
      { path: 'notes with space.txt', isDir: false, fileSize: 11 },
    ]);
    expect(await mlflow.artifacts.list(`runs:/${info.runId}/model`)).toEqual([
      { path: 'model.json', isDir: false, fileSize: 25 },
    ]);
    expect(await mlflow.artifacts.list(info.artifactUri, 'nothing-here')).toEqual([]);

    const ui = await uiCall<{ files: { path: string; is_dir: boolean }[] }>(
      `artifacts/list?run_id=${info.runId}&path=model`,
    );
    expect(ui.files).toEqual([expect.objectContaining({ path: 'model/model.json', is_dir: false })]);

    const single = path.join(dir, 'single/model.json');
    await mlflow.artifacts.downloadFile(info.artifactUri, 'model/model.json', single);
    expect(await sha256(single)).toBe(await sha256(path.join(dir, 'up/model/model.json')));
  });

  it('when a download goes past maxBytes, then ARTIFACT_TOO_LARGE at once and no file is left', async () => {
    const { experimentId } = await mlflow.experiments.getOrCreate(uniqueName('capped'));
    const { info } = await mlflow.runs.create({ experimentId, runName: 'capped' });
    await mlflow.artifacts.uploadFile(info.artifactUri, path.join(dir, 'up/model/model.json'), 'model.json');
    const target = path.join(dir, 'capped', 'model.json');
    const error = await mlflow.artifacts
      .downloadFile(info.artifactUri, 'model.json', target, { maxBytes: 24 })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MlflowArtifactTooLargeError);
    expect(error).toMatchObject({
      code: 'ARTIFACT_TOO_LARGE',
      message: expect.stringMatching(/model\.json is larger than 24 bytes/),
    });
    expect(await readdir(path.dirname(target))).toEqual([]);
    await mlflow.artifacts.downloadFile(info.artifactUri, 'model.json', target, { maxBytes: 25 });
    expect(await readdir(path.dirname(target))).toEqual(['model.json']);
  });
});
