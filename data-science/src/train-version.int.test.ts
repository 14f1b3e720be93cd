// A tiny training run against the real MLflow server jest's global setup starts.
import './__tests__/main-realm-typed-arrays';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMlflowClient, readMlflowConfig } from '@rings/mlflow-client';
import { makeRingFixture } from './__tests__/ring-fixture';
import { VERSION_NAME_TAG, connectMlflowTracker } from './tracking';
import { trainVersion } from './train-version';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(120_000);

const client = createMlflowClient(readMlflowConfig(process.env));

describe('trainVersion with MLflow', () => {
  let fixture: string;
  let work: string;
  const experiment = `ds-test-${randomUUID().slice(0, 8)}`;
  const modelName = `ring-counter-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    fixture = await makeRingFixture({ perClass: 6, maxRings: 3 });
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-train-mlflow-'));
  });
  afterAll(() => Promise.all([fixture, work].map((d) => fs.rm(d, { recursive: true, force: true }))));

  const options = (version: string) => ({
    version,
    architecture: 'v1' as const,
    modelName,
    data: `nci=${fixture}`,
    out: path.join(work, 'models'),
    reports: path.join(work, 'reports'),
    epochs: 3,
    batchSize: 8,
    imageSize: 32,
    numClasses: 4,
  });

  it('when a version is trained, then the run has per-epoch metrics, tags, artifacts and a registry version', async () => {
    const tracker = await connectMlflowTracker({ experiment, modelName, env: process.env });
    const result = await trainVersion(options('v1'), tracker);
    const runId = result.runId ?? '';

    const run = await client.runs.get(runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.runName).toBe('v1');
    expect(run.params).toMatchObject({
      architecture: 'v1',
      epochs: '3',
      batch_size: '8',
      image_size: '32',
      seed: '42',
    });
    expect(run.tags).toMatchObject({
      dataset_version: result.datasetVersion,
      tf_backend: 'tensorflow',
      tfjs_node_version: '4.22.0',
      [VERSION_NAME_TAG]: 'v1',
    });
    expect(run.tags.git_commit).toMatch(/^[0-9a-f]{40}$/);
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'val_mae']) {
      expect((await client.runs.getMetricHistory(runId, key)).map((m) => m.step)).toEqual([1, 2, 3]);
    }
    expect(run.metrics.test_accuracy.value).toBeCloseTo(result.evaluation.accuracy, 6);
    expect(run.metrics).toHaveProperty('test_nci_mae');

    const artifacts = async (dir?: string) =>
      (await client.artifacts.list(run.info.artifactUri, dir)).map((f) => f.path);
    expect(await artifacts()).toEqual(
      expect.arrayContaining(['model', 'metadata.json', 'evaluation.json', 'history.json', 'plots']),
    );
    expect((await artifacts('model')).sort()).toEqual(['metadata.json', 'model.json', 'weights.bin']);
    expect(await artifacts('plots')).toEqual(
      expect.arrayContaining(
        ['learning-curves', 'confusion-matrix', 'confusion-matrix-nci'].flatMap((p) => [
          `${p}.png`,
          `${p}.vl.json`,
        ]),
      ),
    );
    // each plot's spec is kept beside its PNG: the one in MLflow is the one that drew it
    const specFile = path.join(work, 'confusion-matrix.vl.json');
    await client.artifacts.downloadFile(run.info.artifactUri, 'plots/confusion-matrix.vl.json', specFile);
    expect(JSON.parse(await fs.readFile(specFile, 'utf8'))).toMatchObject({
      $schema: expect.stringMatching(/vega-lite\/v6/),
      title: expect.stringContaining(`accuracy ${result.evaluation.accuracy.toFixed(3)}`),
    });

    const metadata = JSON.parse(await fs.readFile(path.join(result.modelDir, 'metadata.json'), 'utf8'));
    expect(metadata.training).toMatchObject({ mlflow_run_id: runId, mlflow_experiment: experiment });

    expect(result.registered).toMatchObject({ name: modelName, version: '1' });
    const version = await client.registry.getModelVersion(modelName, 1);
    expect(version.status).toBe('READY');
    expect(version.runId).toBe(runId);
    expect(version.source).toBe(`${run.info.artifactUri}/model`);
    expect(version.tags[VERSION_NAME_TAG]).toBe('v1');
    expect(Object.keys(metadata.file_sha256).sort()).toEqual(['model.json', 'weights.bin']);
    expect(version.tags).toMatchObject({
      'ring.sha256.model.json': metadata.file_sha256['model.json'],
      'ring.sha256.weights.bin': metadata.file_sha256['weights.bin'],
    });
  });

  it('when the version name is already registered, then it refuses before training', async () => {
    const tracker = await connectMlflowTracker({ experiment, modelName, env: process.env });
    await fs.rm(path.join(work, 'models', 'v1'), { recursive: true, force: true });
    await expect(trainVersion(options('v1'), tracker)).rejects.toThrow(/already registry version 1 of/);
  });
});
