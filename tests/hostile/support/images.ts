// Real images and their hostile variants: truncated, bit-flipped, lying about
// their dimensions. Everything is built in memory from a seeded generator.
import sharp from 'sharp';
import type { Random } from './random';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';
export const IMAGE_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'webp', 'gif'];

/** A white drawing with a black ring, in each format, at a few sizes. */
export async function sampleImages(): Promise<Record<ImageFormat, Buffer[]>> {
  const ring = (size: number) =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="white"/>` +
        `<circle cx="${size / 2}" cy="${size / 2}" r="${size / 4}" fill="none" stroke="black" stroke-width="3"/></svg>`,
    );
  const out = { png: [], jpeg: [], webp: [], gif: [] } as Record<ImageFormat, Buffer[]>;
  for (const size of [24, 96, 300]) {
    for (const format of IMAGE_FORMATS) out[format].push(await sharp(ring(size)).toFormat(format).toBuffer());
  }
  return out;
}

/** Cut the image short: at least its last 13 bytes (a PNG's IEND chunk, a JPEG's end) go. */
export function truncate(image: Buffer, random: Random): Buffer {
  return image.subarray(0, random.int(1, image.length - 13));
}

/** Flip a few random bytes past the signature (12 bytes, so the type is still recognised). */
export function flipBytes(image: Buffer, random: Random): Buffer {
  const copy = Buffer.from(image);
  for (let n = random.int(1, 16); n > 0; n--) copy[random.int(12, copy.length - 1)] ^= random.int(1, 255);
  return copy;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG whose header claims width x height (valid checksums) over a few bytes of data. */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width >>> 0, 0);
  ihdr.writeUInt32BE(height >>> 0, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real JPEG whose frame header (SOF) is rewritten to claim width x height. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i + 9 < copy.length;) {
    if (copy[i] !== 0xff) break;
    const marker = copy[i + 1];
    const length = copy.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
    i += 2 + length;
  }
  throw new Error('no SOF marker in the sample JPEG');
}

/** A WebP (VP8X extended header) claiming a canvas of width x height (max 2^24 each). */
export function webpClaiming(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const chunk = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0]), vp8x]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + chunk.length);
  return Buffer.concat([Buffer.from('RIFF'), size, Buffer.from('WEBP'), chunk]);
}
