import { crc32, inflateSync } from 'node:zlib';
import { PNG_SIGNATURE } from '../shared/png';
import type { Problem } from './problem';

/**
 * How deeply image bytes are checked:
 * - `crc`: signature, IHDR, pixel limit, every chunk's CRC, IDAT and IEND present;
 * - `inflate`: also inflates the image data and checks its exact size and row filters;
 * - `decode`: also has sharp read the metadata and decode every pixel (limitInputPixels).
 */
export type ImageCheckLevel = 'crc' | 'inflate' | 'decode';

interface Header {
  width: number;
  height: number;
  bitsPerPixel: number;
  interlaced: boolean;
  paletted: boolean;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

const problem = (code: string, message: string): Problem[] => [
  { code: `image.${code}`, message: `image: ${message}` },
];

/**
 * Checks that `bytes` are a complete, uncorrupted PNG within `maxPixels`; [] when
 * fine. Synchronous (it runs in the image workers); the `decode` level's sharp
 * pass is {@link decodeWithSharp}, run after this one.
 */
export function checkPng(bytes: Buffer, maxPixels: number, level: ImageCheckLevel): Problem[] {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return problem(
      'not_png',
      `not a PNG file: it starts with ${describeStart(bytes)}; export the image as PNG`,
    );
  }
  let header: Header | undefined;
  let hasPalette = false;
  const data: Buffer[] = [];
  for (let at = 8; ;) {
    if (at + 12 > bytes.length) {
      return problem(
        'truncated',
        `truncated PNG: it ends at byte ${bytes.length} with no IEND chunk; re-export it`,
      );
    }
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) {
      const size = `chunk ${type} at byte ${at} needs ${length + 12} bytes, the file ends at ${bytes.length}`;
      return problem('truncated', `truncated PNG: ${size}; re-export it`);
    }
    if (crc32(bytes.subarray(at + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) {
      return problem('corrupt', `corrupt PNG: chunk ${type} at byte ${at} fails its CRC check`);
    }
    if (!header) {
      const parsed =
        type === 'IHDR' && length === 13 ? readHeader(bytes.subarray(at + 8, at + 21)) : undefined;
      if (!parsed) return problem('corrupt', `corrupt PNG: the first chunk is not a valid IHDR (${type})`);
      const pixels = parsed.width * parsed.height;
      if (pixels > maxPixels) {
        const claim = `${parsed.width}x${parsed.height} = ${pixels.toLocaleString('en')} pixels`;
        const limit = `over the limit of ${maxPixels.toLocaleString('en')} (--max-image-pixels)`;
        return problem(
          'too_many_pixels',
          `the PNG header claims ${claim}, ${limit}; expected a 300x300 depiction`,
        );
      }
      header = parsed;
    }
    if (type === 'PLTE') hasPalette = true;
    if (type === 'IDAT') data.push(bytes.subarray(at + 8, end - 4));
    if (type === 'IEND') break;
    at = end;
  }
  if (data.length === 0) return problem('corrupt', 'corrupt PNG: it has no image data (IDAT chunk)');
  if (header.paletted && !hasPalette) {
    return problem('corrupt', 'corrupt PNG: a palette image without a PLTE chunk');
  }
  return level === 'crc' ? [] : checkImageData(data.length === 1 ? data[0] : Buffer.concat(data), header);
}

function readHeader(ihdr: Buffer): Header | undefined {
  const [width, height] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4)];
  const [depth, colour, compression, filter, interlace] = ihdr.subarray(8, 13);
  const validDepth = BIT_DEPTHS[colour]?.includes(depth) ?? false;
  if (width === 0 || height === 0 || !validDepth || compression !== 0 || filter !== 0 || interlace > 1) {
    return undefined;
  }
  const bitsPerPixel = depth * CHANNELS[colour];
  return { width, height, bitsPerPixel, interlaced: interlace === 1, paletted: colour === 3 };
}

/** Scanline bytes (filter byte included) the image data must inflate to. */
function expectedDataSize({ width, height, bitsPerPixel, interlaced }: Header): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)),
    0,
  );
}

function checkImageData(compressed: Buffer, header: Header): Problem[] {
  const expected = expectedDataSize(header);
  let raw: Buffer;
  try {
    // One output chunk of the expected size: several times faster than the 16 KiB default.
    const chunkSize = Math.max(expected + 1, 64);
    raw = inflateSync(compressed, { chunkSize, maxOutputLength: expected + 1 });
  } catch (error) {
    return problem(
      'corrupt',
      `corrupt PNG: its image data does not decompress (${(error as Error).message})`,
    );
  }
  if (raw.length !== expected) {
    const sizes = `${raw.length} bytes, expected ${expected} for ${header.width}x${header.height}`;
    return problem('corrupt', `corrupt PNG: its image data decompresses to ${sizes}`);
  }
  if (!header.interlaced) {
    const stride = expected / header.height;
    for (let at = 0; at < raw.length; at += stride) {
      if (raw[at] > 4)
        return problem('corrupt', `corrupt PNG: row ${at / stride} has an unknown filter type`);
    }
  }
  return [];
}

/** Has sharp read the metadata and decode every pixel, within `maxPixels`. */
export async function decodeWithSharp(bytes: Buffer, maxPixels: number): Promise<Problem[]> {
  const { default: sharp } = await import('sharp'); // loaded only when this level is asked for
  try {
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'warning' });
    const { format } = await image.metadata();
    if (format !== 'png') return problem('not_png', `sharp reads it as ${format}, not PNG`);
    await image.raw().toBuffer();
    return [];
  } catch (error) {
    return problem('undecodable', `sharp cannot decode it: ${(error as Error).message}`);
  }
}

function describeStart(bytes: Buffer): string {
  if (bytes.length === 0) return 'nothing (0 bytes)';
  const head = bytes.subarray(0, 12);
  const hex = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  if (head[0] === 0xff && head[1] === 0xd8) return `${hex} (a JPEG)`;
  const text = head.toString('latin1');
  return /^[\x20-\x7e\t\r\n]+$/.test(text) ? `${hex} (text ${JSON.stringify(text)})` : hex;
}
