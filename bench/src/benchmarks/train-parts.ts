import { trainModel, useFastStepKernel, type TrainData } from '@rings/data-science';
import { TRAINING_RECIPE_DEFAULTS, tf } from '@rings/ring-model';
import type { TrainingImages } from './train-data';

/** Training defaults: the batch size and learning rate `npm run train` uses. */
export const TRAIN_DEFAULTS = TRAINING_RECIPE_DEFAULTS;

function toSplit(images: TrainingImages, numClasses: number): TrainData['train'] {
  return {
    records: [],
    xs: tf.tensor4d(images.x, [images.count, images.size, images.size, 1]),
    ys: tf.tidy(() => tf.oneHot(tf.tensor1d(images.y, 'int32'), numClasses).toFloat() as tf.Tensor2D),
    classes: images.y,
    pixels: undefined,
  };
}

/**
 * images/s of the fit alone, per epoch, as data-science's trainModel reports
 * it (augmentation off so both sides fit the same pixels; constant learning rate),
 * with the kernel set-up `npm run train` makes (useFastStepKernel).
 */
export async function fitWithTrainModel(
  model: tf.LayersModel,
  train: TrainingImages,
  validation: TrainingImages,
  epochs: number,
): Promise<number[]> {
  useFastStepKernel();
  const numClasses = model.outputs[0].shape[1] as number;
  const data: TrainData = {
    train: toSplit(train, numClasses),
    validation: toSplit(validation, numClasses),
    numClasses,
  };
  try {
    const result = await trainModel(model, data, { epochs, augment: false, schedule: 'constant' });
    return result.history.map((epoch) => epoch.images_per_second);
  } finally {
    tf.dispose([data.train.xs, data.train.ys, data.validation.xs, data.validation.ys]);
  }
}
