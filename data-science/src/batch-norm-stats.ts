// Batch norm layers keep moving averages of their inputs' mean and variance for
// prediction. During fit those averages trail the weights, which move fast with
// Adam: a short run (the demo's 3 epochs) can end with averages that make the
// model predict one class for everything, and validation swings from epoch to
// epoch. Re-estimating them after each epoch, with the weights fixed, fixes both.
// Training re-estimates them on the epoch's augmented images, the statistics the
// fit normalised with: from the clean images instead, thickened strokes and
// zoomed drawings no longer match what the later layers learned, and v10 (issue
// 18) scored 0.810 instead of 0.920 on the drug-like test split, undercounting
// 5 and 6+ rings.
import { tf } from '@rings/ring-model';

/** The fields of a tfjs BatchNormalization layer used here (not in its public types). */
interface BatchNormMomentum {
  momentum: number;
}

export interface RecalibrationOptions {
  /** Forward passes to average over. */
  batches?: number;
  batchSize?: number;
}

function batchNormLayers(model: tf.LayersModel): (tf.layers.Layer & BatchNormMomentum)[] {
  return model.layers.filter(
    (l) => l.getClassName() === 'BatchNormalization',
  ) as unknown as (tf.layers.Layer & BatchNormMomentum)[];
}

/**
 * Set every batch norm layer's moving mean and variance to the plain average
 * of its batch statistics over up to `batches` batches of `images`, taken
 * evenly across the whole tensor (training-mode forward passes; no weight
 * changes). Returns the number of images used (0 when the model has no batch norm).
 */
export function recalibrateBatchNorm(
  model: tf.LayersModel,
  images: tf.Tensor4D,
  { batches = 16, batchSize = 64 }: RecalibrationOptions = {},
): number {
  const layers = batchNormLayers(model);
  const count = images.shape[0];
  if (layers.length === 0 || count === 0) return 0;
  const perBatch = Math.min(batchSize, count);
  const steps = Math.max(1, Math.min(batches, Math.floor(count / perBatch)));
  const stride = count / (steps * perBatch);
  const momentum = layers.map((l) => l.momentum);
  try {
    for (let step = 0; step < steps; step++) {
      // moving = moving * m + batch * (1 - m) with m = 1 - 1/k is the mean of the first k batches.
      for (const layer of layers) layer.momentum = 1 - 1 / (step + 1);
      tf.tidy(() => {
        const first = step * perBatch;
        const indices = Array.from({ length: perBatch }, (_, i) => Math.floor((first + i) * stride));
        const batch = tf.gather(images, tf.tensor1d(indices, 'int32'));
        model.apply(batch, { training: true });
      });
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = momentum[i]));
  }
  return steps * perBatch;
}
