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

/** Stack preprocessed images into a [n, size, size, 1] tensor (caller disposes it). */
export function imagesToTensor(images: PreprocessedImage[]): tf.Tensor4D {
  if (images.length === 0) throw new RangeError('no images to stack');
  const size = images[0].size;
  const data = new Float32Array(images.length * size * size);
  images.forEach((img, i) => {
    if (img.size !== size) throw new RangeError(`image ${i} is ${img.size}px, expected ${size}px`);
    data.set(img.pixels, i * size * size);
  });
  return tf.tensor4d(data, [images.length, size, size, 1]);
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

/** Predict a batch of preprocessed images in one model call; no tensor outlives the call. */
export async function predictImages(
  model: BatchPredictor,
  images: PreprocessedImage[],
): Promise<Prediction[]> {
  const probs = tf.tidy(() => model.predict(imagesToTensor(images)) as tf.Tensor2D);
  try {
    const numClasses = probs.shape[1];
    return probabilitiesToPredictions(await probs.data<'float32'>(), numClasses);
  } finally {
    probs.dispose();
  }
}
