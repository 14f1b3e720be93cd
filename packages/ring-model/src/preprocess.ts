import sharp from 'sharp';
import { z } from 'zod';

/** Preprocessing parameters; saved in metadata.json so serving repeats training exactly. */
export const preprocessingSchema = z.object({
  size: z.number().int().min(8).max(1024).describe('the model input is size x size pixels'),
  channels: z.literal(1).default(1).describe('grayscale'),
  invert: z
    .boolean()
    .default(true)
    .describe('ink becomes 1 and the white background 0, so zero padding matches the background'),
  maxInputPixels: z
    .number()
    .int()
    .positive()
    .default(4096 * 4096)
    .describe('images with more pixels are refused before decoding (decompression bombs)'),
});
export type PreprocessingOptions = z.infer<typeof preprocessingSchema>;
export type PreprocessingInput = z.input<typeof preprocessingSchema>;

/** Thrown when bytes are not a decodable image within the limits. */
export class ImageDecodeError extends Error {
  readonly code = 'IMAGE_UNDECODABLE';
}

/** One preprocessed image: size*size values in [0, 1], row-major. */
export interface PreprocessedImage {
  pixels: Float32Array;
  size: number;
}

/**
 * Decode image bytes, flatten transparency on white, convert to grayscale,
 * resize keeping the aspect ratio with white padding to size x size, and scale
 * to [0, 1] (inverted by default: ink 1, background 0). The same function serves
 * training and prediction. Decoding runs on libuv's thread pool (sharp).
 */
export async function preprocessImage(
  bytes: Buffer,
  options: PreprocessingInput,
): Promise<PreprocessedImage> {
  const opts = preprocessingSchema.parse(options);
  let raw: Buffer;
  try {
    raw = await sharp(bytes, { limitInputPixels: opts.maxInputPixels, failOn: 'error' })
      .flatten({ background: '#ffffff' })
      .grayscale()
      .resize(opts.size, opts.size, { fit: 'contain', background: '#ffffff', kernel: 'lanczos3' })
      .extractChannel(0)
      .raw()
      .toBuffer();
  } catch (err) {
    throw new ImageDecodeError(`the image could not be decoded: ${(err as Error).message}`, { cause: err });
  }
  const pixels = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] / 255;
    pixels[i] = opts.invert ? 1 - v : v;
  }
  return { pixels, size: opts.size };
}
