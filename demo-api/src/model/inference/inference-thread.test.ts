import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadModelFiles, predictImages, tf } from '@rings/ring-model';
import { makeTempDir, writeTinyModels } from '../../../../packages/ring-model/src/store/__tests__/tiny-model';
import { ApiError } from '../../errors';
import { InferenceError, InferenceThread } from './inference-thread';

const SIZE = 16;

describe('InferenceThread', () => {
  let root: string;
  let thread: InferenceThread;
  let exits: string[];

  beforeAll(async () => {
    root = await makeTempDir('inference-thread-test');
    await writeTinyModels(root, [{ version: 'v1' }, { version: 'v2', favour: 2 }]);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  beforeEach(async () => {
    exits = [];
    thread = await InferenceThread.start((why) => exits.push(why));
  });
  afterEach(() => thread.close());

  const load = (version: string) =>
    thread.call('load', { dir: path.join(root, version), version, mode: 'layers' });

  it('when started, then it runs native TensorFlow in another thread', () => {
    expect(thread.tensorflow.backend).toBe('tensorflow');
    expect(thread.threadId).toBeGreaterThan(0);
  });

  it('when a batch is predicted there, then it answers as the model does here, and the pixels moved there', async () => {
    const { model: id, metadata } = await load('v2');
    expect(metadata.version).toBe('v2');
    const images = [0, 0.5, 1].map((value) => ({
      size: SIZE,
      pixels: new Float32Array(SIZE * SIZE).fill(value),
    }));
    const pixels = new Float32Array(3 * SIZE * SIZE);
    images.forEach((image, i) => pixels.set(image.pixels, i * SIZE * SIZE));
    const answer = await thread.call('predict', { model: id, pixels, count: 3 }, [pixels.buffer]);
    expect(pixels.byteLength).toBe(0); // transferred, not copied
    expect(answer.numClasses).toBe(4);
    const local = await loadModelFiles(path.join(root, 'v2'));
    const expected = await predictImages(local.model, images);
    local.model.dispose();
    expected.forEach((prediction, i) =>
      prediction.probabilities.forEach((p, k) => expect(answer.probabilities[i * 4 + k]).toBeCloseTo(p, 6)),
    );
  });

  it('when models are loaded, warmed, predicted and disposed there, then none of their tensors are in this thread', async () => {
    const before = tf.memory().numTensors;
    const { model: id } = await load('v1');
    await thread.call('warm', { model: id, maxBatchSize: 4 });
    const held = await thread.call('memory', {});
    expect(held.numTensors).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    await thread.call('dispose', { model: id });
    expect((await thread.call('memory', {})).numTensors).toBe(0);
  });

  it('when a call fails there, then it rejects here with the reason and the thread goes on', async () => {
    const pixels = new Float32Array(SIZE * SIZE);
    await expect(thread.call('predict', { model: 99, pixels, count: 1 })).rejects.toThrow(
      new InferenceError('Error', 'the inference thread holds no model 99 (disposed?)'),
    );
    await expect(load('v3')).rejects.toThrow(/version v3 is not a usable model/);
    const { model: id } = await load('v1');
    await expect(thread.call('predict', { model: id, pixels, count: 2 })).rejects.toThrow(
      /256 pixels are not 2 images of 16x16/,
    );
    expect(exits).toEqual([]);
  });

  it('when the thread dies, then pending and later calls get 503 and the owner is told once', async () => {
    const pending = load('v1'); // reads files: still going when the thread is stopped
    await thread.kill();
    for (const call of [pending, thread.call('memory', {})]) {
      await expect(call).rejects.toThrow(ApiError);
      await expect(call).rejects.toMatchObject({ code: 'MODEL_NOT_READY' });
    }
    expect(exits).toEqual(['exit code 1']);
  });

  it('when closed, then it is not reported as a death', async () => {
    await thread.close();
    await expect(thread.call('memory', {})).rejects.toThrow(/inference thread stopped \(closed\)/);
    expect(exits).toEqual([]);
  });
});
