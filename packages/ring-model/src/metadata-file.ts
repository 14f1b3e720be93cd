// A model folder's files and its metadata.json, without TensorFlow (see core.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseModelMetadata, type ModelMetadata } from './metadata';

/** The files of one stored model version. */
export const MODEL_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  metadata: 'metadata.json',
} as const;

/** Read and validate metadata.json of a model folder. */
export async function readModelMetadata(dir: string): Promise<ModelMetadata> {
  const file = path.join(dir, MODEL_FILES.metadata);
  const text = await fs.readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SyntaxError(`${file} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseModelMetadata(json, file);
}
