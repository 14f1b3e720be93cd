// Decode every image once into one contiguous Float32Array (the training cache).
import { promises as fs } from 'node:fs';
import { preprocessImage, ImageDecodeError, type PreprocessingOptions } from '@rings/ring-model';
import { TrainingError } from './errors';

/** Options of decodeImages. */
export interface DecodeOptions {
  /** Images decoded at once (sharp runs them on libuv's thread pool). */
  concurrency?: number;
  /** Called after each decoded image with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Read and preprocess every file with ring-model's preprocessImage.
 * @returns n * size * size values, image i at offset i * size * size (row-major, 1 channel).
 */
export async function decodeImages(
  files: readonly string[],
  preprocessing: PreprocessingOptions,
  options: DecodeOptions = {},
): Promise<Float32Array> {
  const pixelsPerImage = preprocessing.size * preprocessing.size;
  const out = new Float32Array(files.length * pixelsPerImage);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      const image = await decodeOne(files[i], preprocessing);
      out.set(image, i * pixelsPerImage);
      options.onProgress?.(++done, files.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, files.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return out;
}

async function decodeOne(file: string, preprocessing: PreprocessingOptions): Promise<Float32Array> {
  try {
    return (await preprocessImage(await fs.readFile(file), preprocessing)).pixels;
  } catch (err) {
    const why = err instanceof ImageDecodeError ? 'is not a decodable image' : 'cannot be read';
    throw new TrainingError('INVALID_DATA', `${file} ${why}: re-run the ingest, which checks every image`, {
      cause: err,
    });
  }
}
