// A small PNG reader for the common case: 8 bits or fewer per sample, not
// interlaced, no colour profile. It goes straight from the compressed bytes to
// lightness (luma with alpha flattened on white), the input of the resize, in
// well under a millisecond for a 300x300 drawing; sharp costs about 2 CPU ms
// for the same decode. Anything else, and anything damaged, returns null: sharp
// then decodes it or reports what is wrong, so errors read the same either way.
import { crc32, inflateSync } from 'node:zlib';
import { lumaOf, flattenOnWhite, type LightnessPlane } from './lightness';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by colour type: gray, RGB, palette, gray+alpha, RGBA. */
const SAMPLES: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Chunks that change colours (profiles, gamma, primaries): left to sharp. */
const COLOUR_MANAGED = new Set(['iCCP', 'gAMA', 'cHRM', 'sBIT']);
/** Larger images are decoded by sharp on the thread pool, keeping the event loop free. */
export const FAST_PNG_MAX_PIXELS = 512 * 512;

interface Header {
  width: number;
  height: number;
  depth: number;
  colour: number;
}

interface Chunks {
  header: Header;
  palette: Buffer | undefined;
  transparency: Buffer | undefined;
  data: Buffer[];
}

/** The lightness of a plain PNG within both pixel limits, or null for sharp to decode (or refuse). */
export function readPngLightness(bytes: Buffer, maxPixels = FAST_PNG_MAX_PIXELS): LightnessPlane | null {
  const chunks = readChunks(bytes, Math.min(maxPixels, FAST_PNG_MAX_PIXELS));
  if (!chunks) return null;
  const { width, height, depth, colour } = chunks.header;
  const bitsPerPixel = depth * SAMPLES[colour];
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const expected = height * (stride + 1);
  let raw: Buffer;
  try {
    const compressed = chunks.data.length === 1 ? chunks.data[0] : Buffer.concat(chunks.data);
    raw = inflateSync(compressed, { chunkSize: Math.max(expected + 1, 64), maxOutputLength: expected + 1 });
  } catch {
    return null;
  }
  if (raw.length !== expected || !unfilter(raw, stride, Math.max(1, bitsPerPixel >> 3))) return null;
  const light = toLightness(raw, stride, chunks);
  return light && { light, width, height };
}

function readChunks(bytes: Buffer, maxPixels: number): Chunks | null {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) return null;
  let header: Header | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const data: Buffer[] = [];
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return null;
    if (crc32(bytes.subarray(at + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) return null;
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, end - 4);
    if (!header) {
      header = type === 'IHDR' && length === 13 ? (readHeader(body, maxPixels) ?? undefined) : undefined;
      if (!header) return null;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      const paletteOk = header.colour !== 3 || (palette !== undefined && palette.length % 3 === 0);
      return data.length > 0 && paletteOk ? { header, palette, transparency, data } : null;
    } else if (COLOUR_MANAGED.has(type)) return null;
    at = end;
  }
  return null;
}

function readHeader(ihdr: Buffer, maxPixels: number): Header | null {
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, colour, compression, filter, interlace] = ihdr.subarray(8, 13);
  const plain = compression === 0 && filter === 0 && interlace === 0;
  const depthOk =
    colour === 0 || colour === 3 ? [1, 2, 4, 8].includes(depth) : depth === 8 && colour in SAMPLES;
  const sizeOk = width > 0 && height > 0 && width * height <= maxPixels;
  return plain && depthOk && sizeOk ? { width, height, depth, colour } : null;
}

/** Undo the per-row filters in place (each row: filter byte, then stride bytes); false on an unknown filter. */
function unfilter(raw: Buffer, stride: number, bpp: number): boolean {
  const rowBytes = stride + 1;
  for (let start = 1; start < raw.length; start += rowBytes) {
    const filter = raw[start - 1];
    const up = start - rowBytes; // the previous row (none for the first: treated as zeros)
    const first = up < 0;
    if (filter === 0) continue;
    if (filter > 4) return false;
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? raw[start + i - bpp] : 0;
      const above = first ? 0 : raw[up + i];
      let predicted = left;
      if (filter === 2) predicted = above;
      else if (filter === 3) predicted = (left + above) >> 1;
      else if (filter === 4) predicted = paeth(left, above, first || i < bpp ? 0 : raw[up + i - bpp]);
      raw[start + i] = (raw[start + i] + predicted) & 0xff;
    }
  }
  return true;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Lightness per pixel from unfiltered rows; null when a palette index has no colour. */
function toLightness(raw: Buffer, stride: number, chunks: Chunks): Uint8Array | null {
  const table = lightnessTable(chunks);
  return table ? indexedLightness(raw, stride, chunks.header, table) : colourLightness(raw, stride, chunks);
}

/** Palette and gray images: each sample (1 to 8 bits) looked up in the table; null if an index has no colour. */
function indexedLightness(raw: Buffer, stride: number, header: Header, table: Int16Array): Uint8Array | null {
  const { width, height, depth } = header;
  if (table.includes(-1) && !allIndexed(raw, stride, header, table)) return null;
  const light = new Uint8Array(width * height);
  const perByte = 8 / depth;
  if (perByte === 1) {
    for (let y = 0; y < height; y++) {
      const row = y * (stride + 1) + 1;
      const out = y * width;
      for (let x = 0; x < width; x++) light[out + x] = table[raw[row + x]];
    }
  } else if ((perByte === 2 || perByte === 4) && width % perByte === 0) {
    // Whole bytes of packed samples: one table entry holds the lightness of all of a byte's samples.
    const bytes = byteTable(table, depth);
    if (perByte === 2)
      expandBytes(raw, stride, height, new Uint16Array(bytes.buffer), new Uint16Array(light.buffer));
    else expandBytes(raw, stride, height, new Uint32Array(bytes.buffer), new Uint32Array(light.buffer));
  } else {
    for (let y = 0; y < height; y++) {
      const row = y * (stride + 1) + 1;
      const out = y * width;
      for (let x = 0; x < width; x++) light[out + x] = table[sampleAt(raw, row, x, depth)];
    }
  }
  return light;
}

/** Rows of packed bytes to lightness, each byte's samples written at once (out and wide are views of one type). */
function expandBytes<T extends Uint16Array | Uint32Array>(
  raw: Buffer,
  stride: number,
  height: number,
  wide: T,
  out: T,
): void {
  for (let y = 0, o = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    for (let i = 0; i < stride; i++) out[o++] = wide[raw[row + i]];
  }
}

/** For each byte value, the lightness of the 8 / depth samples it packs, in pixel order. */
function byteTable(table: Int16Array, depth: number): Uint8Array {
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  const bytes = new Uint8Array(256 * perByte);
  for (let byte = 0; byte < 256; byte++) {
    for (let j = 0; j < perByte; j++) {
      bytes[byte * perByte + j] = table[(byte >> (8 - depth * (j + 1))) & mask];
    }
  }
  return bytes;
}

/** Whether every sample of the image has an entry in the table (a short palette may leave indices without colour). */
function allIndexed(
  raw: Buffer,
  stride: number,
  { width, height, depth }: Header,
  table: Int16Array,
): boolean {
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    for (let x = 0; x < width; x++) if (table[sampleAt(raw, row, x, depth)] < 0) return false;
  }
  return true;
}

/** Sample x (1 to 8 bits, first sample in the high bits) of the row starting at `row`. */
function sampleAt(raw: Buffer, row: number, x: number, depth: number): number {
  const bit = x * depth;
  return (raw[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/** RGB, gray+alpha and RGBA images (8 bits per sample). */
function colourLightness(raw: Buffer, stride: number, { header, transparency }: Chunks): Uint8Array {
  const { width, height, colour } = header;
  const samples = SAMPLES[colour];
  const hasAlpha = samples === 2 || samples === 4;
  const clear = colour === 2 && transparency?.length === 6 ? transparency : undefined;
  const light = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let i = y * (stride + 1) + 1;
    const out = y * width;
    for (let x = 0; x < width; x++, i += samples) {
      const luma = samples >= 3 ? lumaOf(raw[i], raw[i + 1], raw[i + 2]) : raw[i];
      const alpha = hasAlpha ? raw[i + samples - 1] : isClear(raw, i, clear) ? 0 : 255;
      light[out + x] = flattenOnWhite(luma, alpha);
    }
  }
  return light;
}

/** An RGB pixel equal to the colour tRNS marks transparent (16-bit values; the image is 8-bit). */
function isClear(raw: Buffer, i: number, clear: Buffer | undefined): boolean {
  return (
    clear !== undefined &&
    raw[i] === clear.readUInt16BE(0) &&
    raw[i + 1] === clear.readUInt16BE(2) &&
    raw[i + 2] === clear.readUInt16BE(4)
  );
}

/**
 * Lightness by sample value for palette and gray images (-1: no such palette
 * entry); null for the others, whose pixels hold their colours.
 */
function lightnessTable({ header, palette, transparency }: Chunks): Int16Array | null {
  const { depth, colour } = header;
  if (colour === 3 && palette) {
    const table = new Int16Array(1 << depth).fill(-1);
    for (let i = 0; i < Math.min(table.length, palette.length / 3); i++) {
      const alpha = transparency && i < transparency.length ? transparency[i] : 255;
      table[i] = flattenOnWhite(lumaOf(palette[i * 3], palette[i * 3 + 1], palette[i * 3 + 2]), alpha);
    }
    return table;
  }
  if (colour === 0) {
    const levels = (1 << depth) - 1;
    const clear = transparency && transparency.length >= 2 ? transparency.readUInt16BE(0) : -1;
    return Int16Array.from({ length: levels + 1 }, (_, v) =>
      v === clear ? 255 : Math.round((v * 255) / levels),
    );
  }
  return null;
}
