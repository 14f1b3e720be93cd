import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { lightnessOf } from './lightness';
import { FAST_PNG_MAX_PIXELS, readPngLightness } from './png-lightness';

const RAW_IMAGES = path.resolve(__dirname, '../../../raw-data/images');

/** What the sharp path makes of the same bytes: the reference. */
async function viaSharp(bytes: Buffer): Promise<Uint8Array> {
  const { data, info } = await sharp(bytes)
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return lightnessOf({ data, ...info }).light;
}

async function expectSameAsSharp(bytes: Buffer): Promise<void> {
  const fast = readPngLightness(bytes);
  expect(fast).not.toBeNull();
  expect(Buffer.from(fast?.light ?? []).equals(Buffer.from(await viaSharp(bytes)))).toBe(true);
}

/**
 * A drawing with every lightness, colours and soft edges; 97x61 by default so
 * rows do not align to bytes.
 */
function testPattern(channels: 3 | 4, w = 97, h = 61): Buffer {
  const data = Buffer.alloc(w * h * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * channels;
      data[i] = (x * 7 + y * 3) & 255;
      data[i + 1] = x < 48 ? data[i] : 255 - data[i];
      data[i + 2] = (y * 11) & 255;
      if (channels === 4) data[i + 3] = (x * 5 + y * 9) & 255;
    }
  }
  return data;
}

/** A hand-built PNG: one IDAT of rows with the given filter byte (0: none), optional tRNS. */
function handMadePng(
  header: { width: number; height: number; depth: number; colour: number },
  rows: Buffer[],
  extra: { type: string; body: Buffer }[] = [],
): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const out = Buffer.alloc(body.length + 12);
    out.writeUInt32BE(body.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed), body.length + 8);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header.width, 0);
  ihdr.writeUInt32BE(header.height, 4);
  ihdr.set([header.depth, header.colour, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra.map((c) => chunk(c.type, c.body)),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('readPngLightness', () => {
  it('when given every 10th image of the raw set, then its lightness equals the sharp path byte for byte', async () => {
    const names = readdirSync(RAW_IMAGES)
      .filter((n) => n.endsWith('.png'))
      .sort()
      .filter((_, i) => i % 10 === 0);
    expect(names.length).toBeGreaterThan(400);
    let fast = 0;
    for (const name of names) {
      const bytes = await readFile(path.join(RAW_IMAGES, name));
      if (readPngLightness(bytes) === null) continue; // the raw set has a few broken files on purpose
      await expectSameAsSharp(bytes);
      fast++;
    }
    expect(fast).toBeGreaterThan(names.length * 0.95);
  });

  it.each([
    ['RGB', 3, (s: sharp.Sharp) => s.png()],
    ['RGBA', 4, (s: sharp.Sharp) => s.png()],
    ['gray', 3, (s: sharp.Sharp) => s.toColourspace('b-w').png()],
    ['gray + alpha', 4, (s: sharp.Sharp) => s.toColourspace('b-w').png()],
    ['palette, 1 bit', 3, (s: sharp.Sharp) => s.png({ palette: true, colours: 2 })],
    ['palette, 2 bits', 3, (s: sharp.Sharp) => s.png({ palette: true, colours: 4 })],
    ['palette, 4 bits', 3, (s: sharp.Sharp) => s.png({ palette: true, colours: 16 })],
    ['palette, 8 bits', 3, (s: sharp.Sharp) => s.png({ palette: true, colours: 200 })],
    ['palette with transparency', 4, (s: sharp.Sharp) => s.png({ palette: true, colours: 64 })],
    ['RGB, every row filter', 3, (s: sharp.Sharp) => s.png({ adaptiveFiltering: true, compressionLevel: 9 })],
  ] as const)('when the PNG is %s, then the same lightness as sharp', async (_name, channels, encode) => {
    const pattern = sharp(testPattern(channels), { raw: { width: 97, height: 61, channels } });
    await expectSameAsSharp(await encode(pattern).toBuffer());
  });

  it.each([
    ['2 bits', 4, 96],
    ['2 bits', 4, 100],
    ['4 bits', 16, 96],
    ['4 bits', 16, 98],
  ])(
    'when a palette PNG has %s per pixel and rows of whole bytes (%i colours, %i wide), then the same lightness as sharp',
    async (_name, colours, width) => {
      const pattern = sharp(testPattern(3, width, 40), { raw: { width, height: 40, channels: 3 } });
      await expectSameAsSharp(await pattern.png({ palette: true, colours }).toBuffer());
    },
  );

  it.each([
    ['1-bit gray', 1],
    ['2-bit gray', 2],
    ['4-bit gray', 4],
  ])('when the PNG is %s, then levels scale to 0..255 as in sharp', async (_name, depth) => {
    const width = 16;
    const stride = Math.ceil((width * depth) / 8);
    const rows = Array.from({ length: 3 }, (_, y) =>
      Buffer.from([0, ...Array.from({ length: stride }, (_, i) => (i * 37 + y * 101) & 255)]),
    );
    await expectSameAsSharp(handMadePng({ width, height: 3, depth, colour: 0 }, rows));
  });

  it.each([
    ['sub', 1],
    ['up', 2],
    ['average', 3],
    ['paeth', 4],
  ])('when rows use the %s filter, then they are unfiltered as sharp does', async (_name, filter) => {
    const rows = Array.from({ length: 5 }, (_, y) =>
      Buffer.from([filter, ...Array.from({ length: 8 * 3 }, (_, i) => (i * 29 + y * 53) & 255)]),
    );
    await expectSameAsSharp(handMadePng({ width: 8, height: 5, depth: 8, colour: 2 }, rows));
  });

  it('when a gray PNG marks one level transparent (tRNS), then those pixels are white', async () => {
    const rows = [Buffer.from([0, 0, 10, 20, 10])];
    const png = handMadePng({ width: 4, height: 1, depth: 8, colour: 0 }, rows, [
      { type: 'tRNS', body: Buffer.from([0, 10]) },
    ]);
    expect(Array.from(readPngLightness(png)?.light ?? [])).toEqual([0, 255, 20, 255]);
  });

  it('when an RGB PNG marks one colour transparent (tRNS), then those pixels are white', () => {
    const rows = [Buffer.from([0, 1, 2, 3, 0, 0, 0])];
    const png = handMadePng({ width: 2, height: 1, depth: 8, colour: 2 }, rows, [
      { type: 'tRNS', body: Buffer.from([0, 1, 0, 2, 0, 3]) },
    ]);
    expect(Array.from(readPngLightness(png)?.light ?? [])).toEqual([255, 0]);
  });

  describe('when the PNG is one the fast path leaves to sharp, then null', () => {
    const rgb = (w: number, h: number) =>
      sharp({ create: { width: w, height: h, channels: 3, background: '#808080' } });

    it.each([
      ['interlaced', () => rgb(20, 20).png({ progressive: true }).toBuffer()],
      ['16 bits per sample', () => rgb(20, 20).toColourspace('rgb16').png().toBuffer()],
      [
        'larger than the fast limit',
        () =>
          rgb(FAST_PNG_MAX_PIXELS / 256 + 1, 256)
            .png()
            .toBuffer(),
      ],
      ['a JPEG', () => rgb(20, 20).jpeg().toBuffer()],
      ['with a colour profile', () => rgb(20, 20).withIccProfile('p3').png().toBuffer()],
    ])('%s', async (_name, make) => {
      expect(readPngLightness(await make())).toBeNull();
    });

    it('damaged: a flipped bit fails its chunk CRC', async () => {
      const bytes = Buffer.from(await rgb(20, 20).png().toBuffer());
      bytes[bytes.length - 20] ^= 0x10;
      expect(readPngLightness(bytes)).toBeNull();
    });

    it('damaged: truncated', async () => {
      const bytes = await rgb(20, 20).png().toBuffer();
      expect(readPngLightness(bytes.subarray(0, bytes.length - 30))).toBeNull();
    });

    it('damaged: a palette index beyond the palette', () => {
      const png = handMadePng(
        { width: 2, height: 1, depth: 8, colour: 3 },
        [Buffer.from([0, 0, 5])],
        [{ type: 'PLTE', body: Buffer.from([0, 0, 0, 255, 255, 255]) }],
      );
      expect(readPngLightness(png)).toBeNull();
    });

    it.each([
      ['a 4-bit', 4],
      ['a 2-bit', 2],
    ])('damaged: %s palette index beyond a short palette, in rows of whole bytes', (_name, depth) => {
      const rows = [Buffer.from([0, 0x00, 0x00]), Buffer.from([0, 0x00, 0x03])]; // index 3 in the last byte
      const png = handMadePng({ width: (2 * 8) / depth, height: 2, depth, colour: 3 }, rows, [
        { type: 'PLTE', body: Buffer.from([0, 0, 0, 255, 255, 255]) },
      ]);
      expect(readPngLightness(png)).toBeNull();
    });

    it('over the caller pixel limit', async () => {
      expect(readPngLightness(await rgb(20, 20).png().toBuffer(), 399)).toBeNull();
    });
  });
});
