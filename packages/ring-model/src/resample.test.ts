import { lightnessOf, type DecodedPixels } from './lightness';
import { inkContainResize as resizePlane } from './resample';

const inkContainResize = (image: DecodedPixels, size: number, invert?: boolean) =>
  resizePlane(lightnessOf(image), size, invert);

/** A width x height image of one lightness (and alpha), `channels` interleaved. */
function plain(width: number, height: number, channels: number, value: number, alpha = 255): DecodedPixels {
  const data = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < channels; c++) {
      const isAlpha = (channels === 2 || channels === 4) && c === channels - 1;
      data[p * channels + c] = isAlpha ? alpha : value;
    }
  }
  return { data, width, height, channels };
}

/** White RGB with a black axis-aligned rectangle. */
function withBlackRect(width: number, height: number, rect: { x: number; y: number; w: number; h: number }) {
  const image = plain(width, height, 3, 255);
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let x = rect.x; x < rect.x + rect.w; x++)
      image.data.fill(0, (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return image;
}

const sum = (values: Float32Array) => values.reduce((a, b) => a + b, 0);

/** Normalized triangle weights of every input for output o (radius: the scale when shrinking, 1 when enlarging). */
function denseWeights(inSize: number, outSize: number, o: number): number[] {
  const scale = inSize / outSize;
  const radius = Math.max(1, scale);
  const center = (o + 0.5) * scale;
  const w = Array.from({ length: inSize }, (_, i) => Math.max(0, 1 - Math.abs((i + 0.5 - center) / radius)));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

/** The same filter with no shortcuts: every output weighs every input pixel, white included. */
function denseInk(image: DecodedPixels, outW: number, outH: number): number[] {
  const { light, width, height } = lightnessOf(image);
  const wx = Array.from({ length: outW }, (_, o) => denseWeights(width, outW, o));
  const wy = Array.from({ length: outH }, (_, o) => denseWeights(height, outH, o));
  const out: number[] = [];
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let lightness = 0;
      for (let y = 0; y < height; y++) {
        if (wy[oy][y] === 0) continue;
        for (let x = 0; x < width; x++) lightness += wy[oy][y] * wx[ox][x] * light[y * width + x];
      }
      out.push(Math.min(1, Math.max(0, 1 - lightness / 255)));
    }
  }
  return out;
}

/** White with a few soft grey strokes at pseudo-random places: mostly blank rows and spans, like a drawing. */
function strokes(width: number, height: number, seed: number): DecodedPixels {
  const image = plain(width, height, 1, 255);
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let s = 0; s < 6; s++) {
    const [x0, y0, length] = [next() * width, next() * height, 5 + next() * width * 0.4];
    const [dx, dy] = [Math.cos(next() * 6.3), Math.sin(next() * 6.3)];
    for (let t = 0; t < length; t++) {
      const [x, y] = [Math.round(x0 + dx * t), Math.round(y0 + dy * t)];
      if (x >= 0 && x < width && y >= 0 && y < height) image.data[y * width + x] = Math.floor(next() * 200);
    }
  }
  return image;
}

describe('inkContainResize', () => {
  it.each([1, 2, 3, 4])('when a white image has %i channel(s), then every value is 0 ink', (channels) => {
    const out = inkContainResize(plain(300, 300, channels, 255), 96);
    expect(out).toHaveLength(96 * 96);
    expect(Math.max(...out)).toBeCloseTo(0, 6);
  });

  it.each([1, 2, 3, 4])('when a black image has %i channel(s), then every value is 1 ink', (channels) => {
    const out = inkContainResize(plain(300, 300, channels, 0), 96);
    expect(Math.min(...out)).toBeCloseTo(1, 5);
  });

  it('when black pixels are fully transparent, then they are flattened on white (0 ink)', () => {
    expect(Math.max(...inkContainResize(plain(50, 50, 4, 0, 0), 16))).toBeCloseTo(0, 6);
    expect(Math.max(...inkContainResize(plain(50, 50, 2, 0, 0), 16))).toBeCloseTo(0, 6);
  });

  it('when black is half transparent, then it is half ink', () => {
    expect(inkContainResize(plain(50, 50, 4, 0, 128), 16)[0]).toBeCloseTo(128 / 255, 2);
  });

  it('when shrinking 300 to 96, then the ink mass scales with the area (nothing lost to aliasing)', () => {
    const out = inkContainResize(withBlackRect(300, 300, { x: 101, y: 57, w: 1, h: 150 }), 96);
    const expected = (150 * 1 * (96 / 300) ** 2) as number;
    expect(sum(out)).toBeCloseTo(expected, 0);
  });

  it.each([
    [300, 300, 96],
    [301, 157, 96], // odd sizes: rows not a whole number of 4-pixel words
    [50, 30, 96], // enlarged
    [120, 300, 32],
  ])(
    'when a %ix%i drawing is resized to %i, then it equals the filter evaluated densely over every pixel',
    (width, height, size) => {
      const image = strokes(width, height, width * height);
      const scale = Math.min(size / width, size / height);
      const [outW, outH] = [Math.round(width * scale), Math.round(height * scale)];
      const [left, top] = [Math.floor((size - outW) / 2), Math.floor((size - outH) / 2)];
      const expected = denseInk(image, outW, outH);
      const out = inkContainResize(image, size);
      let worst = 0;
      for (let y = 0; y < outH; y++) {
        for (let x = 0; x < outW; x++) {
          worst = Math.max(worst, Math.abs(out[(top + y) * size + left + x] - expected[y * outW + x]));
        }
      }
      expect(sum(out)).toBeGreaterThan(0.1); // the strokes left ink
      expect(worst).toBeLessThan(1e-5);
    },
  );

  it('when the image is wide, then it is centred with empty bands above and below', () => {
    const out = inkContainResize(plain(400, 100, 3, 0), 32);
    // 400x100 fits as 32x8: rows 0..11 and 20..31 are padding, rows 12..19 ink
    expect(Math.max(...out.slice(0, 12 * 32))).toBe(0);
    expect(Math.min(...out.slice(12 * 32, 20 * 32))).toBeCloseTo(1, 5);
    expect(Math.max(...out.slice(20 * 32))).toBe(0);
  });

  it('when the image is smaller than the input size, then it is enlarged smoothly', () => {
    const out = inkContainResize(withBlackRect(10, 10, { x: 0, y: 0, w: 5, h: 10 }), 40);
    const row = Array.from(out.slice(20 * 40, 21 * 40));
    expect(row[0]).toBeCloseTo(1, 5);
    expect(row[39]).toBeCloseTo(0, 5);
    for (let x = 1; x < 40; x++) expect(row[x]).toBeLessThanOrEqual(row[x - 1] + 1e-6);
  });

  it('when invert is false, then background is 1 and ink 0', () => {
    const out = inkContainResize(plain(400, 100, 3, 0), 32, false);
    expect(out[0]).toBe(1);
    expect(out[16 * 32]).toBeCloseTo(0, 5);
  });

  it('when the pixel buffer is shorter than width x height x channels, then RangeError', () => {
    expect(() =>
      inkContainResize({ data: new Uint8Array(10), width: 10, height: 10, channels: 3 }, 8),
    ).toThrow(RangeError);
  });
});
