import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readWeightsManifest } from '../weights-manifest';

const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/**
 * Throws unless model.json names only weight files in dir and they hold exactly
 * the bytes it declares. tf.loadLayersModel builds the model's variables before
 * it reads the weights, and never frees them when the weights turn out short;
 * checking first keeps a corrupt version from leaking tensors in a long-running
 * server. It also joins the manifest's paths to the folder, so a path leaving
 * it would read another version's (or any readable) file.
 */
export async function assertWeightsComplete(dir: string): Promise<void> {
  const { manifest, weightFiles } = await readWeightsManifest(dir);
  let expected = 0;
  for (const weight of manifest.flatMap((group) => group.weights)) {
    const bytes = BYTES_PER_VALUE[weight.quantization?.dtype ?? weight.dtype];
    if (bytes === undefined) return; // a dtype we cannot size (string): leave it to the loader
    expected += bytes * weight.shape.reduce((a, b) => a * b, 1);
  }
  const sizes = await Promise.all(
    weightFiles.map(async (file) => (await fs.stat(path.join(dir, file))).size),
  );
  const actual = sizes.reduce((a, b) => a + b, 0);
  if (actual !== expected) {
    throw new Error(`the weight files hold ${actual} bytes but model.json declares ${expected}`);
  }
}
