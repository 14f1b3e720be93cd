import { buildModel, DEFAULT_ARCHITECTURE } from '@rings/data-science';
import { TRAINING_RECIPE_DEFAULTS, type tf } from '@rings/ring-model';
import type { ModelShape } from './model-shape';

/** The default recipe's model (`npm run train` with no flags): what production serves once trained. */
export const DEFAULT_MODEL: ModelShape = {
  architecture: DEFAULT_ARCHITECTURE,
  imageSize: TRAINING_RECIPE_DEFAULTS.imageSize,
};

/** The shape of v5, the model served before the default recipe changed (issue 18). */
export const V5_MODEL: ModelShape = { architecture: 'v2', imageSize: 96 };

/**
 * What the train benchmark fits: v1 and v2 at 96 px, the size of its earlier
 * runs, so its rows stay comparable whatever the default recipe becomes.
 */
export const TRAIN_MODELS: readonly ModelShape[] = [
  { architecture: 'v1', imageSize: 96 },
  { architecture: 'v2', imageSize: 96 },
];

/** An untrained, uncompiled model of the shape (data-science's buildModel, default seed and classes). */
export function buildShape(shape: ModelShape): tf.LayersModel {
  return buildModel({ architecture: shape.architecture, imageSize: shape.imageSize });
}
