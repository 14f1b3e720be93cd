import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tf } from '@rings/ring-model';
import { makeRingFixture } from './__tests__/ring-fixture';
import { loadTrainingData } from './data';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(30_000);

describe('loadTrainingData', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeRingFixture({ perClass: 10, maxRings: 3 });
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('when the ingest output is read, then every split has image and label tensors of matching shapes', async () => {
    const before = tf.memory().numTensors;
    const data = await loadTrainingData({ dataDirs: [`shapes=${dir}`], imageSize: 24, numClasses: 3 });
    expect(data.train.xs.shape).toEqual([32, 24, 24, 1]);
    expect(data.train.ys.shape).toEqual([32, 3]);
    expect(data.validation.xs.shape).toEqual([4, 24, 24, 1]);
    expect(data.test.xs.shape).toEqual([4, 24, 24, 1]);
    // 3 rings fall into the last class, "2+".
    expect(data.labels).toEqual(['0', '1', '2+']);
    expect([...data.test.classes].sort()).toEqual([0, 1, 2, 2]);
    expect(data.train.pixels).toBeUndefined();
    expect(data.test.pixels).toHaveLength(4 * 24 * 24);
    expect(data.sources).toEqual([expect.objectContaining({ name: 'shapes', records: 40 })]);
    const range = tf.tidy(() => tf.stack([data.train.xs.min(), data.train.xs.max()]));
    const inkRange = await range.data();
    range.dispose();
    expect(inkRange[0]).toBeGreaterThanOrEqual(0);
    expect(inkRange[1]).toBeLessThanOrEqual(1);
    data.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('when only the seed changes, then the test compounds stay; when the split seed changes, they move', async () => {
    const testIds = async (seeds: { seed: number; splitSeed: number }) => {
      // Training passes its whole recipe: the seed is in it, and must not move the split.
      const recipe = { ...seeds, imageSize: 16, numClasses: 3 };
      const data = await loadTrainingData({ ...recipe, dataDirs: [`shapes=${dir}`] });
      data.dispose();
      return data.test.records.map((r) => r.compoundId);
    };
    const first = await testIds({ seed: 1, splitSeed: 42 });
    expect(await testIds({ seed: 2, splitSeed: 42 })).toEqual(first);
    expect(await testIds({ seed: 1, splitSeed: 43 })).not.toEqual(first);
  });

  it('when two sources hold the same images, then the duplicates are dropped and both versions are named', async () => {
    const data = await loadTrainingData({ dataDirs: [`a=${dir}`, `b=${dir}`], imageSize: 16 });
    expect(data.duplicatesDropped).toBe(40);
    expect(data.datasetVersion).toMatch(/^a@[0-9a-f]+\+b@[0-9a-f]+$/);
    expect(data.train.records.every((r) => r.source === 'a')).toBe(true);
    data.dispose();
  });

  it('when the folder has no ingest output, then the error says to run the ingest', async () => {
    await expect(loadTrainingData({ dataDirs: [path.join(dir, 'nope')] })).rejects.toThrow(/run the ingest/);
  });

  it('when a row is invalid, then the error names the file, row and field', async () => {
    const bad = await fs.mkdtemp(path.join(path.dirname(dir), 'ring-bad-'));
    await fs.writeFile(path.join(bad, 'manifest.json'), JSON.stringify({ dataset_version: 'x' }));
    await fs.writeFile(
      path.join(bad, 'compound_rings.csv'),
      'compound_id,num_rings,image\nA,-1,../etc/passwd\n',
    );
    await expect(loadTrainingData({ dataDirs: [bad] })).rejects.toThrow(
      /compound_rings.csv row 2:\n\s+num_rings: .*\n\s+image: must stay inside the folder/,
    );
    await fs.rm(bad, { recursive: true, force: true });
  });

  it('when there are too few records for a split, then it says so', async () => {
    const tiny = await makeRingFixture({ perClass: 1, maxRings: 1 });
    await expect(loadTrainingData({ dataDirs: [tiny] })).rejects.toThrow(/validation split is empty/);
    await fs.rm(tiny, { recursive: true, force: true });
  });
});
