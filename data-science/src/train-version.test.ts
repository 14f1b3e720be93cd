import './__tests__/main-realm-typed-arrays';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readModelMetadata, tf } from '@rings/ring-model';
import sharp from 'sharp';
import { makeRingFixture } from './__tests__/ring-fixture';
import { evaluateVersion } from './evaluate-version';
import { connectMlflowTracker, createNoTracking } from './tracking';
import { trainVersion } from './train-version';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(60_000);

describe('trainVersion without tracking', () => {
  let fixture: string;
  let work: string;
  beforeAll(async () => {
    fixture = await makeRingFixture({ perClass: 6, maxRings: 3 });
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-train-version-'));
  });
  afterAll(() => Promise.all([fixture, work].map((d) => fs.rm(d, { recursive: true, force: true }))));

  const options = () => ({
    version: 'v1',
    architecture: 'v1' as const,
    data: `fixture=${fixture}`,
    out: path.join(work, 'models'),
    reports: path.join(work, 'reports'),
    epochs: 2,
    batchSize: 8,
    imageSize: 32,
    numClasses: 4,
  });

  it('when a version is trained, then it is exported with full metadata, reports and plots', async () => {
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const result = await trainVersion(options(), createNoTracking(), { log: (line) => lines.push(line) });
    expect(tf.memory().numTensors).toBe(before);
    expect(lines.filter((l) => l.startsWith('epoch '))).toHaveLength(2);
    expect((await fs.readdir(result.modelDir)).sort()).toEqual([
      'metadata.json',
      'model.json',
      'weights.bin',
    ]);
    const metadata = await readModelMetadata(result.modelDir);
    expect(metadata.version).toBe('v1');
    expect(metadata.input.size).toBe(32);
    expect(metadata.training).toMatchObject({ architecture: 'v1', mlflow_run_id: null });
    expect(metadata.training.hyperparameters).toMatchObject({
      epochs: 2,
      batchSize: 8,
      imageSize: 32,
      numClasses: 4,
    });
    const file = JSON.parse(await fs.readFile(path.join(result.modelDir, 'metadata.json'), 'utf8'));
    expect(file.training.hyperparameters).toMatchObject({
      epochs: 2,
      batch_size: 8,
      image_size: 32,
      seed: 42,
    });
    expect(metadata.metrics).toEqual(
      expect.objectContaining({ accuracy: expect.any(Number), fixture_mae: expect.any(Number) }),
    );
    expect(metadata.monitoring?.predicted_class).toHaveLength(4);
    const reports = await fs.readdir(path.join(result.reportsDir, 'plots'));
    expect(reports.sort()).toEqual([
      'confusion-matrix-fixture.png',
      'confusion-matrix-fixture.vl.json',
      'confusion-matrix.png',
      'confusion-matrix.vl.json',
      'learning-curves.png',
      'learning-curves.vl.json',
    ]);
    const png = await sharp(path.join(result.reportsDir, 'plots', 'learning-curves.png')).metadata();
    expect(png.format).toBe('png');
    const evaluation = JSON.parse(await fs.readFile(path.join(result.reportsDir, 'evaluation.json'), 'utf8'));
    expect(evaluation.confusion_matrix).toHaveLength(4);
    expect(result.registered).toBeNull();
  });

  it('when the exported version is evaluated on the same data, then it scores exactly as in training', async () => {
    const report = await evaluateVersion({
      model: path.join(work, 'models', 'v1'),
      data: `renamed=${fixture}`,
    });
    const metadata = await readModelMetadata(path.join(work, 'models', 'v1'));
    expect(report.accuracy).toBe(metadata.metrics.accuracy);
    expect(report.mae).toBe(metadata.metrics.mae);
    expect(Object.keys(report.by_source)).toEqual(['renamed']);
  });

  it('when groups of compounds are given, then each group is scored and every test image counts once', async () => {
    const csv = (await fs.readFile(path.join(fixture, 'compound_rings.csv'), 'utf8')).trim().split('\n');
    const [first, ...rest] = csv.slice(1).map((line) => line.split(','));
    expect(first).toBeDefined();
    const groupsFile = path.join(work, 'parity.csv');
    const parity = rest.map(([id, rings]) => `${id},${Number(rings) % 2 === 0 ? 'even' : 'odd'}`);
    await fs.writeFile(groupsFile, ['compound_id,parity', ...parity].join('\n'));
    const report = await evaluateVersion({
      model: path.join(work, 'models', 'v1'),
      data: `fixture=${fixture}`,
      groups: [groupsFile],
    });
    expect(report.by_group?.column).toBe('parity');
    const groups = report.by_group?.groups ?? {};
    expect(Object.keys(groups).every((g) => ['even', 'odd', '(not listed)'].includes(g))).toBe(true);
    const scored = Object.values(groups);
    expect(scored.reduce((n, m) => n + m.n, 0)).toBe(report.n);
    const correct = scored.reduce((n, m) => n + m.accuracy * m.n, 0);
    expect(correct / report.n).toBeCloseTo(report.accuracy, 10);
    // even groups hold only even ring counts: classes 1 and 3 have no support there
    expect(groups.even.per_class[1].support + groups.even.per_class[3].support).toBe(0);
  });

  it('when the version folder already exists, then it refuses before training', async () => {
    await expect(trainVersion(options(), createNoTracking())).rejects.toThrow(
      /already exists: exported versions are immutable/,
    );
  });

  it('when the version name is unsafe, then it refuses with the naming rule', async () => {
    await expect(trainVersion({ ...options(), version: '../v1' }, createNoTracking())).rejects.toThrow(
      /invalid model version name/,
    );
  });

  it('when MLflow is not reachable, then connecting fails fast and says how to fix it', async () => {
    const started = Date.now();
    await expect(
      connectMlflowTracker({
        experiment: 'x',
        modelName: 'y',
        env: { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' },
      }),
    ).rejects.toMatchObject({
      code: 'TRACKING_UNAVAILABLE',
      message: expect.stringMatching(/--no-tracking/),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
