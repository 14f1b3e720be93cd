// Predictions as plain data: stacking inputs, reading probabilities. No TensorFlow (see core.ts).
import type { PreprocessedImage } from './preprocess';

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
