import { promises as fs } from 'node:fs';
import path from 'node:path';
import { hashModelFiles } from './file-sha256';
import { encodeModelMetadata, type ModelMetadata } from './metadata';
import { MODEL_FILES, readModelMetadata } from './metadata-file';
import { tf } from './tensorflow';

/** A loaded model with its validated metadata. */
export interface LoadedModel {
  model: tf.LayersModel;
  metadata: ModelMetadata;
}

/**
 * Write model.json, weights.bin and metadata.json into dir (created if missing).
 * metadata.json records the sha256 of model.json and weights.bin (file_sha256);
 * metadata is validated and encoded (the recipe's keys in snake_case); returns it as written, decoded.
 */
export async function saveModelFiles(
  dir: string,
  model: tf.LayersModel,
  metadata: ModelMetadata,
): Promise<ModelMetadata> {
  await fs.mkdir(dir, { recursive: true });
  await model.save(`file://${path.resolve(dir)}`);
  const written: ModelMetadata = { ...metadata, file_sha256: await hashModelFiles(dir) };
  const file = encodeModelMetadata(written);
  await fs.writeFile(path.join(dir, MODEL_FILES.metadata), `${JSON.stringify(file, null, 2)}\n`);
  return written;
}

/** Load a model folder: validated metadata, then the LayersModel; checks they agree. */
export async function loadModelFiles(dir: string): Promise<LoadedModel> {
  const metadata = await readModelMetadata(dir);
  const model = await tf.loadLayersModel(`file://${path.resolve(dir, MODEL_FILES.model)}`);
  const [, height, width, channels] = model.inputs[0].shape;
  const outputs = model.outputs[0].shape[1];
  const size = metadata.input.size;
  if (
    height !== size ||
    width !== size ||
    channels !== metadata.input.channels ||
    outputs !== metadata.labels.num_classes
  ) {
    model.dispose();
    throw new Error(
      `${dir}: the model takes [${height},${width},${channels}] and gives ${outputs} classes, but metadata.json says [${size},${size},${metadata.input.channels}] and ${metadata.labels.num_classes}`,
    );
  }
  return { model, metadata };
}
