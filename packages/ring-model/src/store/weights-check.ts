import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MODEL_FILES } from '../metadata-file';

const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

const manifestSchema = z.object({
  weightsManifest: z.array(
    z.object({
      paths: z.array(z.string()),
      weights: z.array(
        z.object({
          shape: z.array(z.number().int().nonnegative()),
          dtype: z.string(),
          quantization: z.object({ dtype: z.string() }).optional(),
        }),
      ),
    }),
  ),
});

/**
 * Throws unless the weight files hold exactly the bytes model.json declares.
 * tf.loadLayersModel builds the model's variables before it reads the weights,
 * and never frees them when the weights turn out short; checking first keeps a
 * corrupt version from leaking tensors in a long-running server.
 */
export async function assertWeightsComplete(dir: string): Promise<void> {
  const manifest = manifestSchema.parse(
    JSON.parse(await fs.readFile(path.join(dir, MODEL_FILES.model), 'utf8')),
  ).weightsManifest;
  let expected = 0;
  for (const weight of manifest.flatMap((group) => group.weights)) {
    const bytes = BYTES_PER_VALUE[weight.quantization?.dtype ?? weight.dtype];
    if (bytes === undefined) return; // a dtype we cannot size (string): leave it to the loader
    expected += bytes * weight.shape.reduce((a, b) => a * b, 1);
  }
  const files = [...new Set(manifest.flatMap((group) => group.paths))];
  const sizes = await Promise.all(files.map(async (file) => (await fs.stat(path.join(dir, file))).size));
  const actual = sizes.reduce((a, b) => a + b, 0);
  if (actual !== expected) {
    throw new Error(`the weight files hold ${actual} bytes but model.json declares ${expected}`);
  }
}
