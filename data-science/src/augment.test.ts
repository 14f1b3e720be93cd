import { tf } from '@rings/ring-model';
import { augmentImages } from './augment';

// Fits and MLflow calls on a shared 2-core machine: the jest default of 5 s is too short.
jest.setTimeout(30_000);

const size = 8;

function onePixel(n: number, row: number, col: number): tf.Tensor4D {
  const data = new Float32Array(n * size * size);
  for (let i = 0; i < n; i++) data[i * size * size + row * size + col] = 1;
  return tf.tensor4d(data, [n, size, size, 1]);
}

describe('augmentImages', () => {
  it('when only symmetries are on, then each image is one of the 8 rotations/flips and all 8 occur', async () => {
    const xs = onePixel(64, 0, 1);
    const out = augmentImages(xs, 3, { scaleJitter: 0 });
    expect(out.shape).toEqual([64, size, size, 1]);
    const values = await out.data();
    const allowed = ['0,1', '1,0', '0,6', '6,0', '7,1', '1,7', '7,6', '6,7'];
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const image = Array.from(values.subarray(i * size * size, (i + 1) * size * size));
      expect(image.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      const at = image.indexOf(1);
      seen.add(`${Math.floor(at / size)},${at % size}`);
    }
    expect([...seen].sort()).toEqual([...allowed].sort());
    tf.dispose([xs, out]);
  });

  it('when scale jitter is on, then drawings shrink by at most the jitter and no ink leaves the frame', async () => {
    // A 1-pixel square two pixels inside the edges (drawings keep a white margin):
    // a crop would cut one of its sides away.
    const square = new Float32Array(32 * 32);
    for (let i = 2; i < 30; i++) {
      for (const at of [2 * 32 + i, 29 * 32 + i, i * 32 + 2, i * 32 + 29]) square[at] = 1;
    }
    const frame = tf.tidy(() => tf.tile(tf.tensor4d(square, [1, 32, 32, 1]), [16, 1, 1, 1]) as tf.Tensor4D);
    const out = augmentImages(frame, 5, { symmetries: false, scaleJitter: 0.2 });
    for (const image of (await out.array()).map((rows) => rows.map((row) => row.map((p) => p[0] > 0.05)))) {
      const inkRows = image.flatMap((row, y) => (row.some(Boolean) ? [y] : []));
      const inkCols = image[0].flatMap((_, x) => (image.some((row) => row[x]) ? [x] : []));
      const [top, bottom] = [inkRows[0], inkRows[inkRows.length - 1]];
      const [left, right] = [inkCols[0], inkCols[inkCols.length - 1]];
      expect(bottom - top + 1).toBeGreaterThanOrEqual(Math.floor(28 * 0.8) - 1);
      const span = right - left + 1;
      expect(span).toBeGreaterThanOrEqual(Math.floor(28 * 0.8) - 1);
      // All four sides of the frame are still drawn.
      for (const line of [image[top], image[bottom], image.map((r) => r[left]), image.map((r) => r[right])]) {
        expect(line.filter(Boolean).length).toBeGreaterThanOrEqual(span - 2);
      }
    }
    tf.dispose([frame, out]);
  });

  it('when stroke jitter is on, then about that share of the drawings get thicker lines, never moved or thinned', async () => {
    const n = 200;
    const xs = onePixel(n, 4, 4);
    const out = augmentImages(xs, 11, { symmetries: false, scaleJitter: 0, strokeJitter: 0.5 });
    const values = await out.data();
    let thickened = 0;
    for (let i = 0; i < n; i++) {
      const image = values.subarray(i * size * size, (i + 1) * size * size);
      expect(image[4 * size + 4]).toBeCloseTo(1, 6); // the ink stays where it was, at full strength
      const neighbour = image[3 * size + 3];
      // blended at 30 to 100% into the 8 neighbours, or not at all
      if (neighbour > 0) {
        thickened += 1;
        expect(neighbour).toBeGreaterThanOrEqual(0.3 - 1e-6);
        expect(image[5 * size + 5]).toBeCloseTo(neighbour, 6);
      }
      expect(image[2 * size + 2]).toBe(0); // one pixel each way, no more
    }
    expect(thickened / n).toBeGreaterThan(0.35);
    expect(thickened / n).toBeLessThan(0.65);
    tf.dispose([xs, out]);
  });

  it('when called with the same seed, then the output is the same; and no tensor leaks', async () => {
    const xs = tf.randomUniform([4, size, size, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const a = augmentImages(xs, 9);
    const b = augmentImages(xs, 9);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
    xs.dispose();
  });

  it('when the images are not square, then it refuses', () => {
    const xs = tf.zeros([1, 4, 6, 1]) as tf.Tensor4D;
    expect(() => augmentImages(xs, 1)).toThrow(/square/);
    xs.dispose();
  });
});
