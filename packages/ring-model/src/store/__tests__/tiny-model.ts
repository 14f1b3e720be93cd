// Test fixture: tiny but real TensorFlow.js models saved as model folders, plus
// temporary stores. Shared by the store tests and the demo-api tests.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { hashModelFiles } from '../../file-sha256';
import { classLabels } from '../../labels';
import { parseModelMetadata, type ModelMetadata } from '../../metadata';
import { saveModelFiles } from '../../model-files';
import { tf } from '../../tensorflow';

export interface TinyModelOptions {
  version: string;
  size?: number;
  classes?: number;
  /** nan-weights: loads but predicts NaN; truncated-weights: does not load. */
  fault?: 'nan-weights' | 'truncated-weights';
  /** Bias of the last layer towards this class, so versions answer differently. */
  favour?: number;
  /** An export from before provenance was recorded: metadata.json without file_sha256. */
  unrecordedSha256?: boolean;
}

/** Build and save a tiny CNN (conv, pooling, softmax) as a model folder at dir. */
export async function writeTinyModel(dir: string, options: TinyModelOptions): Promise<void> {
  const size = options.size ?? 16;
  const classes = options.classes ?? 4;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [size, size, 1], filters: 2, kernelSize: 3, activation: 'relu' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ],
  });
  if (options.fault === 'nan-weights' || options.favour !== undefined) {
    // Values built in JS: under jest, typed arrays coming back from native ops fail tfjs's
    // instanceof checks when the model is saved.
    const weights = model.getWeights().map((w, i, all) => {
      const values = new Float32Array(w.size);
      if (options.fault === 'nan-weights') values.fill(Number.NaN);
      else if (i !== all.length - 1) return w.clone();
      else values[options.favour ?? 0] = 10;
      return tf.tensor(values, w.shape);
    });
    model.setWeights(weights);
    tf.dispose(weights);
  }
  const metadata = parseModelMetadata({
    schema_version: 1,
    name: 'ring-counter',
    version: options.version,
    created_at: new Date().toISOString(),
    input: { size },
    labels: { num_classes: classes, names: classLabels(classes) },
    training: { architecture: 'tiny', hyperparameters: { filters: 2 }, dataset_version: 'test' },
    metrics: { accuracy: 0.5 },
  });
  const saved = await saveModelFiles(dir, model, metadata);
  model.dispose();
  if (options.fault === 'truncated-weights') await fs.truncate(path.join(dir, 'weights.bin'), 3);
  // Faults are files training wrote broken, so the recorded sha256 describe them.
  const { file_sha256: _recorded, ...unrecorded } = saved;
  if (options.unrecordedSha256) await writeMetadata(dir, unrecorded);
  else if (options.fault) await writeMetadata(dir, { ...unrecorded, file_sha256: await hashModelFiles(dir) });
}

/** Replace metadata.json of a model folder (tests that tamper with it). */
export async function writeMetadata(dir: string, metadata: ModelMetadata): Promise<void> {
  await fs.writeFile(path.join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
}

/** Write tiny model folders <root>/<version>/ for each option set; returns root. */
export async function writeTinyModels(root: string, models: TinyModelOptions[]): Promise<string> {
  for (const options of models) await writeTinyModel(path.join(root, options.version), options);
  return root;
}

export { makeTempDir } from './temp-dir';
