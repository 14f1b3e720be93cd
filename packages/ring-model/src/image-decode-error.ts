// What preprocessing throws for bytes that are not a usable image, with the
// code decided here, where libvips' failure enters.
import sharp from 'sharp';

/** Why bytes are not a usable image: not decodable, or more pixels than maxInputPixels. */
export type ImageDecodeErrorCode = 'IMAGE_UNDECODABLE' | 'IMAGE_TOO_LARGE';

/** Thrown when bytes are not a decodable image within the limits; branch on `code`. */
export class ImageDecodeError extends Error {
  constructor(
    readonly code: ImageDecodeErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ImageDecodeError';
  }
}

/** The width and height an image's header declares (read without decoding), or undefined. */
async function declaredSize(bytes: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined; // sharp throws before reading anything for an empty buffer
  }
}

/** Why libvips refused `bytes`: the header's size against our limit, never the wording of libvips' message. */
export async function decodeFailure(
  bytes: Buffer,
  maxInputPixels: number,
  err: unknown,
): Promise<ImageDecodeError> {
  const size = await declaredSize(bytes);
  const pixels = size ? size.width * size.height : 0;
  if (size && pixels > maxInputPixels) {
    return new ImageDecodeError(
      'IMAGE_TOO_LARGE',
      `the image is ${size.width}x${size.height} (${pixels} pixels), over the pixel limit of ${maxInputPixels}: send a smaller image`,
      { cause: err },
    );
  }
  const why = err instanceof Error ? err.message : String(err);
  return new ImageDecodeError('IMAGE_UNDECODABLE', `the image could not be decoded: ${why}`, { cause: err });
}
