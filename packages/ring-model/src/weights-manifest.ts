// model.json's weightsManifest, read without TensorFlow: which weight files a
// version uses, checked to be plain names inside its own folder (tfjs joins the
// paths to the folder and reads whatever they point at).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { zodIssueLines } from '@rings/zod-issues';
import { z } from 'zod';
import { PLAIN_FILE_NAME } from './metadata';
import { MODEL_FILES } from './metadata-file';
import { ModelStoreError } from './store/errors';

const weightsManifestSchema = z.array(
  z.object({
    paths: z.array(z.string()).describe('weight files of this group, relative to model.json'),
    weights: z.array(
      z.object({
        shape: z.array(z.number().int().nonnegative()),
        dtype: z.string(),
        quantization: z.object({ dtype: z.string() }).optional(),
      }),
    ),
  }),
);
export type WeightsManifest = z.infer<typeof weightsManifestSchema>;

/** The weightsManifest of a model.json text; `source` names the file in messages. */
export function parseWeightsManifest(text: string, source: string): WeightsManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelStoreError('MODEL_INVALID', `${source} is not JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const result = z.object({ weightsManifest: weightsManifestSchema }).safeParse(json);
  if (!result.success) {
    const lines = zodIssueLines(result.error.issues).join('; ');
    throw new ModelStoreError('MODEL_INVALID', `${source} is not a tfjs model: ${lines}`);
  }
  return result.data.weightsManifest;
}

/**
 * The weight files a manifest names, once each, in order. Throws MODEL_INVALID
 * for a path that is not a plain file name (../v1/weights.bin, /etc/passwd,
 * sub/dir.bin): a version may read only files in its own folder.
 */
export function assertWeightFileNames(manifest: WeightsManifest, source: string): string[] {
  const names = [...new Set(manifest.flatMap((group) => group.paths))];
  for (const name of names) {
    if (!PLAIN_FILE_NAME.test(name) || name === MODEL_FILES.model || name === MODEL_FILES.metadata) {
      throw new ModelStoreError(
        'MODEL_INVALID',
        `${source} names the weight file ${JSON.stringify(name)}: a version's weightsManifest may name only plain files in its own folder (letters, digits, '.', '_', '-'; no '/', no '..'); re-export the model with tfjs's model.save`,
      );
    }
  }
  return names;
}

/** Read model.json in dir; returns its manifest and its checked weight file names. */
export async function readWeightsManifest(
  dir: string,
): Promise<{ manifest: WeightsManifest; weightFiles: string[] }> {
  const file = path.join(dir, MODEL_FILES.model);
  const manifest = parseWeightsManifest(await fs.readFile(file, 'utf8'), file);
  return { manifest, weightFiles: assertWeightFileNames(manifest, file) };
}
