import sharp from 'sharp';
import { ImageDecodeError, PREPROCESSING_METHODS, preprocessImage, preprocessingSchema } from './preprocess';

/** A white canvas with one black rectangle, encoded as format. */
async function drawing(
  width: number,
  height: number,
  options: { channels?: 3 | 4; alpha?: boolean; format?: 'png' | 'jpeg' | 'webp'; grey?: boolean } = {},
): Promise<Buffer> {
  const channels = options.channels ?? 3;
  const background = options.alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 255, g: 255, b: 255, alpha: 1 };
  const rect = await sharp({
    create: {
      width: Math.ceil(width / 4),
      height: Math.ceil(height / 4),
      channels: 3,
      background: '#000000',
    },
  })
    .png()
    .toBuffer();
  let img = sharp({
    create: { width, height, channels: channels === 4 || options.alpha ? 4 : 3, background },
  }).composite([{ input: rect, left: Math.floor(width / 2) - 1, top: Math.floor(height / 2) - 1 }]);
  if (options.grey) img = img.grayscale();
  return img.toFormat(options.format ?? 'png').toBuffer();
}

function mean(pixels: Float32Array): number {
  return pixels.reduce((a, b) => a + b, 0) / pixels.length;
}

describe.each(PREPROCESSING_METHODS)('preprocessImage with %s', (method) => {
  it.each([
    ['square colour PNG', 300, 300, {}],
    ['wide PNG', 400, 100, {}],
    ['tall JPEG', 90, 360, { format: 'jpeg' as const }],
    ['grayscale PNG', 64, 64, { grey: true }],
    ['WebP', 120, 80, { format: 'webp' as const }],
    ['tiny PNG', 10, 10, {}],
    ['large PNG', 2400, 1800, {}],
  ])('when a %s (%ix%i), then size x size values in [0,1] with ink > 0', async (_name, w, h, opts) => {
    const { pixels, size } = await preprocessImage(await drawing(w, h, opts), { method, size: 32 });
    expect(size).toBe(32);
    expect(pixels).toHaveLength(32 * 32);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(Math.max(...pixels)).toBeGreaterThan(0.5); // the black rectangle is ink
    expect(mean(pixels)).toBeLessThan(0.5); // mostly background
  });

  it('when the aspect ratio is wide, then the padding rows are background (0)', async () => {
    const { pixels } = await preprocessImage(await drawing(400, 100), { method, size: 32 });
    expect(Math.max(...pixels.slice(0, 32 * 8))).toBeCloseTo(0, 5);
  });

  it('when the image is transparent, then it is flattened on white, not black', async () => {
    const { pixels } = await preprocessImage(await drawing(50, 50, { alpha: true }), { method, size: 16 });
    expect(pixels[0]).toBeCloseTo(0, 5);
  });

  it('when invert is false, then the background is 1', async () => {
    const { pixels } = await preprocessImage(await drawing(50, 50), { method, size: 16, invert: false });
    expect(pixels[0]).toBeCloseTo(1, 5);
  });

  it('when the same bytes are preprocessed twice, then the values are identical', async () => {
    const bytes = await drawing(300, 300);
    const a = await preprocessImage(bytes, { method, size: 64 });
    const b = await preprocessImage(bytes, { method, size: 64 });
    expect(Buffer.from(a.pixels.buffer).equals(Buffer.from(b.pixels.buffer))).toBe(true);
  });

  it.each([
    ['random bytes', Buffer.from('definitely not an image')],
    ['empty', Buffer.alloc(0)],
  ])('when the input is %s, then ImageDecodeError IMAGE_UNDECODABLE', async (_name, bytes) => {
    const failure = preprocessImage(bytes, { method, size: 16 });
    await expect(failure).rejects.toThrow(ImageDecodeError);
    await expect(failure).rejects.toMatchObject({ code: 'IMAGE_UNDECODABLE' });
  });

  it('when a PNG within the pixel limit is truncated, then IMAGE_UNDECODABLE', async () => {
    const bytes = await drawing(600, 600);
    await expect(
      preprocessImage(bytes.subarray(0, bytes.length - 200), { method, size: 16 }),
    ).rejects.toMatchObject({ code: 'IMAGE_UNDECODABLE', message: /could not be decoded/ });
  });

  it.each([
    ['complete', (png: Buffer) => png],
    ['truncated after its header', (png: Buffer) => png.subarray(0, 64)],
  ])(
    'when the image has more pixels than allowed (%s), then IMAGE_TOO_LARGE naming both sizes',
    async (_name, cut) => {
      const bytes = cut(await drawing(200, 150));
      await expect(
        preprocessImage(bytes, { method, size: 16, maxInputPixels: 100 * 100 }),
      ).rejects.toMatchObject({
        name: 'ImageDecodeError',
        code: 'IMAGE_TOO_LARGE',
        message: 'the image is 200x150 (30000 pixels), over the pixel limit of 10000: send a smaller image',
      });
    },
  );
});

describe('the libvips behaviour ImageDecodeError codes rely on', () => {
  it('when an image is over limitInputPixels, then sharp refuses it, and metadata() without the limit still reads its size', async () => {
    const bytes = await drawing(200, 150);
    await expect(
      sharp(bytes, { limitInputPixels: 100 * 100 })
        .raw()
        .toBuffer(),
    ).rejects.toThrow();
    const header = await sharp(bytes.subarray(0, 64), { limitInputPixels: false }).metadata();
    expect([header.width, header.height]).toEqual([200, 150]);
  });
});

describe('preprocessing methods', () => {
  it('when metadata has no method (written before methods existed), then sharp-lanczos3', () => {
    expect(preprocessingSchema.parse({ size: 96 }).method).toBe('sharp-lanczos3');
  });

  it('when both methods preprocess the same drawing, then they agree closely', async () => {
    const bytes = await drawing(300, 300);
    const [a, b] = await Promise.all(
      PREPROCESSING_METHODS.map((method) => preprocessImage(bytes, { method, size: 96 })),
    );
    const meanAbsDiff = a.pixels.reduce((acc, v, i) => acc + Math.abs(v - b.pixels[i]), 0) / a.pixels.length;
    expect(meanAbsDiff).toBeLessThan(0.01);
    expect(mean(b.pixels)).toBeCloseTo(mean(a.pixels), 2);
  });
});

describe('decode-then-linear on a large image', () => {
  it('when the drawing is 2400x2400 (shrunk by libvips first), then it matches the same drawing at 300x300', async () => {
    const [large, small] = await Promise.all(
      [2400, 300].map(async (side) =>
        preprocessImage(await drawing(side, side), { method: 'decode-then-linear', size: 96 }),
      ),
    );
    const meanAbsDiff = large.pixels.reduce((acc, v, i) => acc + Math.abs(v - small.pixels[i]), 0) / 96 / 96;
    expect(meanAbsDiff).toBeLessThan(0.01);
  });
});
