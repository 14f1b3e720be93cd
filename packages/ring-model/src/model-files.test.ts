import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classLabels } from './labels';
import { parseModelMetadata, type ModelMetadata } from './metadata';
import { loadModelFiles, saveModelFiles } from './model-files';
import { predictImages } from './predict';
import { tf } from './tensorflow';

function tinyModel(size: number, classes: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [size, size, 1], filters: 2, kernelSize: 3, activation: 'relu' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ],
  });
}

function metadataFor(size: number, classes: number): ModelMetadata {
  return parseModelMetadata({
    schema_version: 1,
    name: 'ring-counter',
    version: 'v1',
    created_at: new Date('2026-01-01T00:00:00Z').toISOString(),
    input: { size },
    labels: { num_classes: classes, names: classLabels(classes) },
    training: { architecture: 'tiny', hyperparameters: { epochs: 1 }, dataset_version: 'test' },
    metrics: { accuracy: 0.5 },
  });
}

describe('model files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-model-files-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('when a model is saved and reloaded, then it gives identical predictions and metadata', async () => {
    const model = tinyModel(16, 4);
    const metadata = metadataFor(16, 4);
    const saved = await saveModelFiles(dir, model, metadata);
    expect((await fs.readdir(dir)).sort()).toEqual(['metadata.json', 'model.json', 'weights.bin']);

    const images = [0.1, 0.7].map((v) => ({ size: 16, pixels: new Float32Array(256).fill(v) }));
    const before = await predictImages(model, images);
    const loaded = await loadModelFiles(dir);
    const after = await predictImages(loaded.model, images);
    expect(after).toEqual(before);
    expect(after[0].probabilities).toHaveLength(4);
    expect(after[0].probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    expect(loaded.metadata).toEqual(saved);
    model.dispose();
    loaded.model.dispose();
  });

  it('when a model is saved, then metadata.json records the sha256 of model.json and weights.bin', async () => {
    const model = tinyModel(16, 4);
    const saved = await saveModelFiles(dir, model, metadataFor(16, 4));
    model.dispose();
    const sha256 = async (name: string) =>
      createHash('sha256')
        .update(await fs.readFile(path.join(dir, name)))
        .digest('hex');
    const expected = { 'model.json': await sha256('model.json'), 'weights.bin': await sha256('weights.bin') };
    expect(saved.file_sha256).toEqual(expected);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'metadata.json'), 'utf8'))).toMatchObject({
      file_sha256: expected,
    });
  });

  it('when metadata.json has no file_sha256 (saved before it was recorded), then the model still loads', async () => {
    const model = tinyModel(16, 4);
    const { file_sha256: _recorded, ...older } = await saveModelFiles(dir, model, metadataFor(16, 4));
    model.dispose();
    await fs.writeFile(path.join(dir, 'metadata.json'), JSON.stringify(older));
    const loaded = await loadModelFiles(dir);
    expect(loaded.metadata.file_sha256).toBeUndefined();
    loaded.model.dispose();
  });

  it.each([
    [{ '../weights.bin': 'a'.repeat(64) }, /file_sha256\.\.\.\/weights\.bin: a plain file name/],
    [{ 'weights.bin': 'ABC' }, /file_sha256\.weights\.bin: a sha256 as 64 lowercase hex digits/],
  ])('when file_sha256 is %p, then metadata.json is refused with the path', (fileSha256, message) => {
    const metadata = { ...metadataFor(16, 4), file_sha256: fileSha256 };
    expect(() => parseModelMetadata(metadata)).toThrow(message);
  });

  it('when metadata.json disagrees with the model, then loading fails and says how', async () => {
    const model = tinyModel(16, 4);
    await saveModelFiles(dir, model, metadataFor(32, 4));
    model.dispose();
    const before = tf.memory().numTensors;
    await expect(loadModelFiles(dir)).rejects.toThrow(/metadata.json says \[32,32,1\]/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('when metadata.json is invalid, then every problem is named with its path', async () => {
    await fs.writeFile(
      path.join(dir, 'metadata.json'),
      JSON.stringify({ schema_version: 1, version: '../x' }),
    );
    await expect(loadModelFiles(dir)).rejects.toThrow(/version: .*\n.*name:|name: .*\n.*version:|version/);
    await expect(loadModelFiles(dir)).rejects.toThrow(/input/);
  });
});
