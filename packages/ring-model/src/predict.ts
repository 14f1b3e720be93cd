import type { PreprocessedImage } from './preprocess';
import { tf } from './tensorflow';

/** The model's answer for one image. */
export interface Prediction {
  /** Predicted class index (0..K-1; the last means K-1 or more rings). */
  class: number;
  /** Probability of the predicted class. */
  confidence: number;
  /** Softmax output, one probability per class. */
  probabilities: number[];
}

/** Lay equally sized preprocessed images end to end in one array. */
export function stackPixels(images: PreprocessedImage[]): { pixels: Float32Array; size: number } {
  if (images.length === 0) throw new RangeError('no images to stack');
  const size = images[0].size;
  const pixels = new Float32Array(images.length * size * size);
  images.forEach((img, i) => {
    if (img.size !== size) throw new RangeError(`image ${i} is ${img.size}px, expected ${size}px`);
    pixels.set(img.pixels, i * size * size);
  });
  return { pixels, size };
}

/** Turn a [n, K] probability matrix into predictions. */
export function probabilitiesToPredictions(probs: Float32Array | number[], numClasses: number): Prediction[] {
  const out: Prediction[] = [];
  for (let row = 0; row * numClasses < probs.length; row++) {
    const p = Array.from(probs.slice(row * numClasses, (row + 1) * numClasses));
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (p[k] > p[best]) best = k;
    out.push({ class: best, confidence: p[best], probabilities: p });
  }
  return out;
}

/** What predicts a batch: a LayersModel, or an InferencePlan compiled from one. */
export interface BatchPredictor {
  predict(x: tf.Tensor): tf.Tensor | tf.Tensor[];
}

/**
 * Predict `count` square images whose pixels lie end to end in one array, in
 * one model call; returns the [count, K] probabilities row by row. No tensor
 * outlives the call.
 */
export async function predictPixelBatch(
  model: BatchPredictor,
  pixels: Float32Array,
  count: number,
  size: number,
): Promise<{ probabilities: Float32Array; numClasses: number }> {
  if (count < 1 || pixels.length !== count * size * size) {
    throw new RangeError(`${pixels.length} pixels are not ${count} images of ${size}x${size}`);
  }
  const probs = tf.tidy(() => model.predict(tf.tensor4d(pixels, [count, size, size, 1])) as tf.Tensor2D);
  try {
    return { probabilities: await probs.data<'float32'>(), numClasses: probs.shape[1] };
  } finally {
    probs.dispose();
  }
}

/** Predict a batch of preprocessed images in one model call; no tensor outlives the call. */
export async function predictImages(
  model: BatchPredictor,
  images: PreprocessedImage[],
): Promise<Prediction[]> {
  const { pixels, size } = stackPixels(images);
  const { probabilities, numClasses } = await predictPixelBatch(model, pixels, images.length, size);
  return probabilitiesToPredictions(probabilities, numClasses);
}
