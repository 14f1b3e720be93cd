import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tf } from '@rings/ring-model';

/** What the Python peers need to rebuild our model in Keras (see bench/peers/mirror.py). */
export interface PeerModelFiles {
  /** tfjs model.toJSON(): Keras-style layer configs */
  topology: unknown;
  weights: { manifest: string; data: string };
  params: number;
}

/**
 * Write our model's weights as one float32 file plus a shape list, layer by layer
 * (each layer's trainable then non-trainable weights: the order Keras uses;
 * model.getWeights() would put all non-trainable ones last).
 */
export async function writePeerModel(model: tf.LayersModel, dir: string): Promise<PeerModelFiles> {
  await fs.mkdir(dir, { recursive: true });
  const weights = model.layers.flatMap((layer) => layer.weights);
  const manifest = weights.map((w) => ({ name: w.name, shape: w.shape }));
  const chunks = await Promise.all(weights.map(async (w) => toBuffer(await w.read().data<'float32'>())));
  const files = { manifest: path.join(dir, 'weights.json'), data: path.join(dir, 'weights.f32') };
  await fs.writeFile(files.manifest, JSON.stringify(manifest));
  await fs.writeFile(files.data, Buffer.concat(chunks));
  return { topology: model.toJSON(undefined, false), weights: files, params: model.countParams() };
}

/** The bytes of a typed array (respecting its offset into a shared buffer). */
export function toBuffer(values: Float32Array | Int32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}
