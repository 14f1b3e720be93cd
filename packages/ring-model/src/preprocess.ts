import sharp from 'sharp';
import { z } from 'zod';
import { lightnessOf } from './lightness';
import { readPngLightness } from './png-lightness';
import { decodeFailure, ImageDecodeError, type ImageDecodeErrorCode } from './image-decode-error';
import { onWhitePaper } from './paper-white';
import { inkContainResize } from './resample';

/**
 * How pixels become the model input. A model is served with the method it was
 * trained with (metadata.json); files written before the field existed used the
 * first one.
 * - sharp-lanczos3: the whole pipeline in libvips (flatten, grayscale, lanczos3
 *   contain-resize); about 7 CPU ms for a 300x300 PNG.
 * - decode-then-linear: flatten, grayscale (Pillow's luma) and an antialiased
 *   linear contain-resize in JavaScript, after a small PNG reader for plain
 *   PNGs up to 512x512 (png-lightness.ts) or libvips for anything else; under
 *   1 CPU ms for a 300x300 PNG.
 * - paper-white-linear: decode-then-linear after dividing every lightness by
 *   the page's own (its median, paper-white.ts), so a drawing on cream or grey
 *   paper reaches the model as on white; about 0.1 CPU ms more.
 */
export const PREPROCESSING_METHODS = ['sharp-lanczos3', 'decode-then-linear', 'paper-white-linear'] as const;
export type PreprocessingMethod = (typeof PREPROCESSING_METHODS)[number];
/** What training writes into new models. */
export const DEFAULT_TRAINING_METHOD: PreprocessingMethod = 'paper-white-linear';

/** Preprocessing parameters; saved in metadata.json so serving repeats training exactly. */
export const preprocessingSchema = z.object({
  method: z
    .enum(PREPROCESSING_METHODS)
    .default('sharp-lanczos3')
    .describe('how pixels become the model input (see PREPROCESSING_METHODS)'),
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
export { ImageDecodeError, type ImageDecodeErrorCode };

/** One preprocessed image: size*size values in [0, 1], row-major. */
export interface PreprocessedImage {
  pixels: Float32Array;
  size: number;
}

/**
 * Decode image bytes, flatten transparency on white, convert to grayscale,
 * resize keeping the aspect ratio with white padding to size x size, and scale
 * to [0, 1] (inverted by default: ink 1, background 0), by the options' method.
 * The same function serves training and prediction. Decoding runs on libuv's
 * thread pool (sharp).
 */
export async function preprocessImage(
  bytes: Buffer,
  options: PreprocessingInput,
): Promise<PreprocessedImage> {
  const opts = preprocessingSchema.parse(options);
  const pixels =
    opts.method === 'sharp-lanczos3' ? await sharpPipeline(bytes, opts) : await decodeThenLinear(bytes, opts);
  return { pixels, size: opts.size };
}

function openImage(bytes: Buffer, opts: PreprocessingOptions): sharp.Sharp {
  return sharp(bytes, { limitInputPixels: opts.maxInputPixels, failOn: 'error' });
}

/** libvips' work, its failures reported as ImageDecodeError. */
async function decoded<T>(bytes: Buffer, opts: PreprocessingOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw await decodeFailure(bytes, opts.maxInputPixels, err);
  }
}

async function sharpPipeline(bytes: Buffer, opts: PreprocessingOptions): Promise<Float32Array> {
  const raw = await decoded(bytes, opts, () =>
    openImage(bytes, opts)
      .flatten({ background: '#ffffff' })
      .grayscale()
      .resize(opts.size, opts.size, { fit: 'contain', background: '#ffffff', kernel: 'lanczos3' })
      .extractChannel(0)
      .raw()
      .toBuffer(),
  );
  const pixels = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] / 255;
    pixels[i] = opts.invert ? 1 - v : v;
  }
  return pixels;
}

/** decode-then-linear: images with a side over this many times the input size are shrunk by libvips first. */
const LARGE_SIDE_FACTOR = 4;

/** decode-then-linear and paper-white-linear. */
async function decodeThenLinear(bytes: Buffer, opts: PreprocessingOptions): Promise<Float32Array> {
  const plane =
    readPngLightness(bytes, opts.maxInputPixels) ??
    lightnessOf(
      await decoded(bytes, opts, () =>
        openImage(bytes, opts)
          // Large images shrink on the thread pool first, so the JS steps stay small.
          .resize(LARGE_SIDE_FACTOR * opts.size, LARGE_SIDE_FACTOR * opts.size, {
            fit: 'inside',
            withoutEnlargement: true,
          })
          .toColourspace('srgb')
          .raw({ depth: 'uchar' })
          .toBuffer({ resolveWithObject: true })
          .then(({ data, info }) => ({ data, ...info })),
      ),
    );
  return inkContainResize(
    opts.method === 'paper-white-linear' ? onWhitePaper(plane) : plane,
    opts.size,
    opts.invert,
  );
}
