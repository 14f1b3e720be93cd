// Label-preserving augmentation on whole batches, in native ops: the eight
// symmetries of the square (90-degree rotations and flips), a small zoom-out,
// and thicker lines for a share of the drawings.
import { tf } from '@rings/ring-model';
import { z } from 'zod';
import { createRandom } from './random';

export const augmentOptionsSchema = z.object({
  symmetries: z.boolean().default(true).describe('random 90-degree rotations and flips'),
  scaleJitter: z
    .number()
    .min(0)
    .max(0.3)
    .default(0.1)
    .describe('shrink the drawing by up to this share, at a random position; never crops ink'),
  strokeJitter: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe(
      'share of drawings whose lines are thickened (a 3x3 maximum filter of the ink, blended in at 30 to 100%)',
    ),
  background: z.number().default(0).describe('pixel value of the background (0 with inverted images)'),
});
export type AugmentOptions = z.input<typeof augmentOptionsSchema>;

/**
 * Augment a batch of square images; the ring count of every image is unchanged.
 * @param xs [n, size, size, c]
 * @returns a new [n, size, size, c] tensor (the caller disposes it)
 */
export function augmentImages(xs: tf.Tensor4D, seed: number, input: AugmentOptions = {}): tf.Tensor4D {
  const options = augmentOptionsSchema.parse(input);
  const [n, height, width] = xs.shape;
  if (height !== width) throw new RangeError(`augmentImages needs square images, got ${height}x${width}`);
  const random = createRandom(seed);
  return tf.tidy(() => {
    let out: tf.Tensor4D = xs;
    if (options.symmetries) {
      // Transpose, then flip each axis: together these reach all eight symmetries.
      out = pick(out, tf.transpose(out, [0, 2, 1, 3]), coinFlips(n, random));
      out = pick(out, tf.reverse(out, 1), coinFlips(n, random));
      out = pick(out, tf.reverse(out, 2), coinFlips(n, random));
    }
    if (options.scaleJitter > 0) out = zoomOut(out, options.scaleJitter, options.background, random);
    if (options.strokeJitter > 0) out = thickenStrokes(out, options.strokeJitter, options.background, random);
    return out === xs ? xs.clone() : out;
  });
}

function coinFlips(n: number, random: () => number): tf.Tensor4D {
  return tf.tensor4d(
    Float32Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)),
    [n, 1, 1, 1],
  );
}

// Per image: mask 1 takes `b`, mask 0 keeps `a`.
function pick(a: tf.Tensor4D, b: tf.Tensor4D, mask: tf.Tensor4D): tf.Tensor4D {
  return tf.add(a, tf.mul(tf.sub(b, a), mask));
}

// A crop box larger than the image shrinks the drawing; the offset stays within
// the margin so no ink leaves the frame.
function zoomOut(xs: tf.Tensor4D, jitter: number, background: number, random: () => number): tf.Tensor4D {
  const [n, size] = xs.shape;
  const boxes = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const extent = 1 / (1 - jitter * random());
    const margin = extent - 1;
    const top = -margin * random();
    const left = -margin * random();
    boxes.set([top, left, top + extent, left + extent], i * 4);
  }
  const boxIndices = tf.tensor1d(
    Int32Array.from({ length: n }, (_, i) => i),
    'int32',
  );
  return tf.image.cropAndResize(
    xs,
    tf.tensor2d(boxes, [n, 4]),
    boxIndices,
    [size, size],
    'bilinear',
    background,
  );
}

// Ink spreads one pixel each way (a 3x3 maximum of the ink; a minimum when the
// background is white), blended in at a random strength: lines from about one to
// three pixels wider at the model's resolution, and never a ring more or less.
function thickenStrokes(
  xs: tf.Tensor4D,
  share: number,
  background: number,
  random: () => number,
): tf.Tensor4D {
  const n = xs.shape[0];
  const strength = Float32Array.from({ length: n }, () => (random() < share ? 0.3 + 0.7 * random() : 0));
  const spread =
    background === 0 ? tf.maxPool(xs, 3, 1, 'same') : tf.neg(tf.maxPool(tf.neg(xs), 3, 1, 'same'));
  return tf.add(xs, tf.mul(tf.sub(spread, xs), tf.tensor4d(strength, [n, 1, 1, 1])));
}
