import { ApiError } from '../errors';

/** Image types the API decodes. */
export const ACCEPTED_IMAGE_TYPES = ['png', 'jpeg', 'webp'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  {
    type: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'jpeg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'webp',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  { type: 'gif', test: (b) => /^GIF8[79]a/.test(b.toString('latin1', 0, 6)) },
  { type: 'bmp', test: (b) => b.toString('latin1', 0, 2) === 'BM' },
  { type: 'tiff', test: (b) => ['II*\0', 'MM\0*'].includes(b.toString('latin1', 0, 4)) },
  { type: 'pdf', test: (b) => b.toString('latin1', 0, 5) === '%PDF-' },
  { type: 'svg or other text', test: (b) => /^\s*</.test(b.toString('latin1', 0, 64)) },
];

/** The type of an image from its first bytes (never from the client's Content-Type), or 'unknown'. */
export function sniffImageType(bytes: Buffer): string {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? 'unknown';
}

/** Throws 422 for an empty file and 415 for anything but PNG, JPEG or WebP bytes. */
export function assertAcceptedImage(bytes: Buffer, where?: Record<string, unknown>): AcceptedImageType {
  if (bytes.length === 0) {
    throw new ApiError('IMAGE_UNDECODABLE', 'the image file is empty', where);
  }
  const type = sniffImageType(bytes);
  if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type)) {
    throw new ApiError(
      'UNSUPPORTED_IMAGE_TYPE',
      `the file is ${type === 'unknown' ? 'not a known image type' : `a ${type} file`}; send a PNG, JPEG or WebP image`,
      { ...where, detected: type, accepted: ACCEPTED_IMAGE_TYPES },
    );
  }
  return type as AcceptedImageType;
}
