import type { PreprocessedImage } from './preprocess';
import { probabilitiesToPredictions, stackPixels, type Prediction } from './predictions';
import { tf } from './tensorflow';

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
