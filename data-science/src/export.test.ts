import './__tests__/main-realm-typed-arrays';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TRAINING_METHOD, loadModelFiles, predictImages, saveModelFiles } from '@rings/ring-model';
import { makeRingFixture } from './__tests__/ring-fixture';
import { loadTrainingData, type TrainingData } from './data';
import { buildModelMetadata, computeBaseline } from './export';
import { buildModel } from './model';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(60_000);

describe('exported model version', () => {
  let fixture: string;
  let out: string;
  let data: TrainingData;
  beforeAll(async () => {
    fixture = await makeRingFixture({ perClass: 6, maxRings: 3 });
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-export-'));
    data = await loadTrainingData({ dataDirs: [fixture], imageSize: 32, numClasses: 4 });
  });
  afterAll(async () => {
    data.dispose();
    await Promise.all([fixture, out].map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('when saved and reloaded, then predictions are identical and metadata.json round-trips', async () => {
    const model = buildModel({ architecture: 'v2', imageSize: 32, numClasses: 4 });
    const metadata = buildModelMetadata(data, {
      name: 'ring-counter',
      version: 'v-test',
      architecture: 'v2',
      hyperparameters: { epochs: 1, augment: true, schedule: 'cosine' },
      mlflowRunId: null,
      mlflowExperiment: null,
      gitCommit: 'abc123',
      trainSeconds: 1.5,
      metrics: { accuracy: 0.5, mae: 0.75 },
      monitoring: await computeBaseline(model, data.validation, data.numClasses),
    });
    const saved = await saveModelFiles(out, model, metadata);
    const loaded = await loadModelFiles(out);
    expect(loaded.metadata).toEqual({ ...metadata, file_sha256: saved.file_sha256 });
    expect(Object.keys(saved.file_sha256 ?? {}).sort()).toEqual(['model.json', 'weights.bin']);
    expect(loaded.metadata.input).toEqual({
      method: DEFAULT_TRAINING_METHOD,
      size: 32,
      channels: 1,
      invert: true,
      maxInputPixels: 4096 * 4096,
    });
    expect(loaded.metadata.labels).toEqual({ num_classes: 4, names: ['0', '1', '2', '3+'] });
    expect(loaded.metadata.training.dataset_version).toBe(data.datasetVersion);
    expect(loaded.metadata.monitoring?.sample_size).toBe(data.validation.records.length);

    const area = 32 * 32;
    const pixels = data.test.pixels ?? new Float32Array();
    const images = data.test.records.map((_, i) => ({
      size: 32,
      pixels: pixels.subarray(i * area, (i + 1) * area),
    }));
    expect(await predictImages(loaded.model, images)).toEqual(await predictImages(model, images));
    model.dispose();
    loaded.model.dispose();
  });
});
