import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { RAW_DATA } from '../__tests__/raw-fixture';
import { ihdrData, PNG_SIGNATURE, pngChunk } from '../shared/png';
import { checkPng, decodeWithSharp, type ImageCheckLevel } from './check-png';

const LIMIT = 4096 * 4096;
let good: Buffer;
beforeAll(async () => {
  good = await readFile(path.join(RAW_DATA, 'images', 'NSC1.png'));
});

/** The offset of the first IDAT chunk's data. */
const idatData = (png: Buffer) => png.indexOf('IDAT', 8, 'latin1') + 4;

/** Flips a byte of image data and, when asked, fixes the chunk CRC so only inflating can tell. */
function corruptImageData(png: Buffer, fixCrc: boolean): Buffer {
  const copy = Buffer.from(png);
  const start = idatData(copy);
  const length = copy.readUInt32BE(start - 8);
  copy[start + Math.floor(length / 2)] ^= 0xff;
  if (fixCrc) copy.writeUInt32BE(crc32(copy.subarray(start - 4, start + length)), start + length);
  return copy;
}

const png = (...chunks: Buffer[]) =>
  Buffer.concat([PNG_SIGNATURE, ...chunks, pngChunk('IEND', Buffer.alloc(0))]);
const codes = (bytes: Buffer, level: ImageCheckLevel) => checkPng(bytes, LIMIT, level).map((p) => p.code);

describe('checkPng', () => {
  it.each(['crc', 'inflate'] as const)(
    'when a rendered image is checked at level %s, then it passes',
    (level) => {
      expect(checkPng(good, LIMIT, level)).toEqual([]);
    },
  );

  it('when an interlaced (Adam7) PNG is inflated, then its exact data size is accepted', async () => {
    const interlaced = await sharp(good).png({ progressive: true }).toBuffer();
    expect(checkPng(interlaced, LIMIT, 'inflate')).toEqual([]);
  });

  it.each([
    ['a JPEG', async () => sharp(good).jpeg().toBuffer(), 'crc', 'image.not_png', /a JPEG/],
    [
      'cut short',
      async () => good.subarray(0, good.length - 20),
      'crc',
      'image.truncated',
      /no IEND|ends at/,
    ],
    [
      'a flipped data byte',
      async () => corruptImageData(good, false),
      'crc',
      'image.corrupt',
      /fails its CRC/,
    ],
    [
      'a flipped byte under a valid CRC',
      async () => corruptImageData(good, true),
      'inflate',
      'image.corrupt',
      /decompress/,
    ],
    [
      'no IHDR first',
      async () => png(pngChunk('IDAT', deflateSync(Buffer.alloc(2)))),
      'crc',
      'image.corrupt',
      /IHDR/,
    ],
    [
      'a palette image without PLTE',
      async () => png(pngChunk('IHDR', ihdrData(1, 1, 8, 3)), pngChunk('IDAT', deflateSync(Buffer.alloc(2)))),
      'crc',
      'image.corrupt',
      /PLTE/,
    ],
    [
      'too little image data',
      async () => png(pngChunk('IHDR', ihdrData(4, 4)), pngChunk('IDAT', deflateSync(Buffer.alloc(5)))),
      'inflate',
      'image.corrupt',
      /decompresses to 5 bytes, expected 20/,
    ],
    [
      'an unknown row filter',
      async () =>
        png(pngChunk('IHDR', ihdrData(1, 2)), pngChunk('IDAT', deflateSync(Buffer.from([0, 0, 9, 0])))),
      'inflate',
      'image.corrupt',
      /row 1 has an unknown filter/,
    ],
    [
      'a 30000x30000 header',
      async () => png(pngChunk('IHDR', ihdrData(30000, 30000))),
      'crc',
      'image.too_many_pixels',
      /900,000,000 pixels/,
    ],
  ])('when the file is %s, then it is rejected with a reason', async (_case, make, level, code, message) => {
    const problems = checkPng(await make(), LIMIT, level as ImageCheckLevel);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0].message).toMatch(message);
  });

  it('when the corruption hides under a valid CRC, then only the inflate level sees it', () => {
    const sneaky = corruptImageData(good, true);
    expect([codes(sneaky, 'crc'), codes(sneaky, 'inflate')]).toEqual([[], ['image.corrupt']]);
  });

  it('when sharp decodes a good image, then it passes; a bad one names sharp', async () => {
    expect(await decodeWithSharp(good, LIMIT)).toEqual([]);
    const problems = await decodeWithSharp(corruptImageData(good, true), LIMIT);
    expect(problems.map((p) => p.code)).toEqual(['image.undecodable']);
  });
});
