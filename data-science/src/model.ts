// Architectures, selectable by name. buildModel is the only way to make one;
// nothing is built at import time.
import { tf, trainingRecipeSchema } from '@rings/ring-model';
import { z } from 'zod';
import { parseOptions } from './errors';
import { nativeBatchNormalization } from './native-batch-norm';

export const ARCHITECTURES = {
  v1: 'small baseline: 3 conv + max-pool blocks, flatten, dense 64, dropout, softmax (the original demo)',
  v2: 'deeper: strided conv stem, 6 more conv + batch norm + ReLU layers in 3 stages, global average pooling, dropout, softmax',
  v3: 'cheaper: two strided conv stems, then 6 depthwise-separable conv + batch norm + ReLU layers in 3 stages, global average pooling, dropout, softmax',
} as const;
export type ArchitectureName = keyof typeof ARCHITECTURES;

export const ARCHITECTURE_NAMES = Object.keys(ARCHITECTURES) as [ArchitectureName, ...ArchitectureName[]];
/** What `npm run train` builds when no --arch is given: the cheapest to serve at v5's quality or better (README, Model quality). */
export const DEFAULT_ARCHITECTURE: ArchitectureName = 'v3';
export const architectureSchema = z.enum(ARCHITECTURE_NAMES).describe('architecture name');

export const buildModelOptionsSchema = trainingRecipeSchema
  .pick({ imageSize: true, numClasses: true, seed: true })
  .extend({ architecture: architectureSchema });
export type BuildModelOptions = z.input<typeof buildModelOptionsSchema>;

/**
 * Build (not compile) a ring-count CNN.
 * Input [batch, size, size, 1] (ink 1, background 0); output [batch, K] softmax.
 */
export function buildModel(input: BuildModelOptions): tf.LayersModel {
  const options = parseOptions(buildModelOptionsSchema, input, 'model options');
  const init = seededInitializers(options.seed);
  const build = { v1: buildV1, v2: buildV2, v3: buildV3 }[options.architecture];
  return build(options, init);
}

type Options = z.infer<typeof buildModelOptionsSchema>;
type Init = () => ReturnType<typeof tf.initializers.heNormal>;

// Each layer gets its own seed, so two builds with one seed are identical.
function seededInitializers(seed: number): Init {
  let n = 0;
  return () => tf.initializers.heNormal({ seed: seed + n++ });
}

function buildV1(o: Options, init: Init): tf.Sequential {
  const model = tf.sequential({ name: 'ring_counter_v1' });
  model.add(tf.layers.inputLayer({ inputShape: [o.imageSize, o.imageSize, 1] }));
  for (const filters of [16, 32, 64]) {
    model.add(tf.layers.conv2d({ filters, kernelSize: 3, activation: 'relu', kernelInitializer: init() }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init() }));
  model.add(tf.layers.dropout({ rate: 0.3, seed: o.seed }));
  model.add(tf.layers.dense({ units: o.numClasses, activation: 'softmax', kernelInitializer: init() }));
  return model;
}

/** A convolution without bias ('same' padding), then batch norm and ReLU. */
function addConvBatchNormRelu(
  model: tf.Sequential,
  init: Init,
  filters: number,
  kernelSize: number,
  strides: number,
): void {
  model.add(
    tf.layers.conv2d({
      filters,
      kernelSize,
      strides,
      padding: 'same',
      useBias: false,
      kernelInitializer: init(),
    }),
  );
  addBatchNormRelu(model);
}

function addBatchNormRelu(model: tf.Sequential): void {
  model.add(nativeBatchNormalization());
  model.add(tf.layers.reLU());
}

function buildV2(o: Options, init: Init): tf.Sequential {
  const model = tf.sequential({ name: 'ring_counter_v2' });
  model.add(tf.layers.inputLayer({ inputShape: [o.imageSize, o.imageSize, 1] }));
  const convBnRelu = (filters: number, kernelSize = 3, strides = 1): void =>
    addConvBatchNormRelu(model, init, filters, kernelSize, strides);
  // A strided stem, then narrow stages at high resolution and wider ones at
  // low resolution: most of the depth where it is cheap.
  convBnRelu(16, 5, 2);
  convBnRelu(32);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  convBnRelu(48);
  convBnRelu(48);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  convBnRelu(96);
  convBnRelu(96);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  convBnRelu(128);
  // Averaging over a fixed-size input is a scaled sum: features that mark a ring add up to a count.
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dropout({ rate: 0.2, seed: o.seed }));
  model.add(tf.layers.dense({ units: o.numClasses, activation: 'softmax', kernelInitializer: init() }));
  return model;
}

// v2's stages at a fraction of the multiply-adds: the second convolution strides
// instead of being followed by a pooling layer, and every later 3x3 convolution
// is depthwise-separable (a 3x3 filter per channel, then a 1x1 mix), about 8x
// fewer multiply-adds per layer at these widths.
function buildV3(o: Options, init: Init): tf.Sequential {
  const model = tf.sequential({ name: 'ring_counter_v3' });
  model.add(tf.layers.inputLayer({ inputShape: [o.imageSize, o.imageSize, 1] }));
  const conv = (filters: number, kernelSize: number, strides: number): void =>
    addConvBatchNormRelu(model, init, filters, kernelSize, strides);
  // He initialisation as tfjs computes it counts every input channel in a depthwise kernel's
  // fan-in, though each filter reads one: the kernels start up to 128 times smaller in variance
  // than He's rule. With batch norm after each layer that scale only sets how fast they learn
  // (Adam's steps are large beside small weights), and the small start trained faster: 0.772
  // validation accuracy after 3 epochs against 0.658 with the rule's scale (README, Model quality).
  const separable = (filters: number): void => {
    model.add(
      tf.layers.separableConv2d({
        filters,
        kernelSize: 3,
        padding: 'same',
        useBias: false,
        depthwiseInitializer: init(),
        pointwiseInitializer: init(),
      }),
    );
    addBatchNormRelu(model);
  };
  conv(16, 5, 2);
  conv(32, 3, 2);
  separable(48);
  separable(48);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  separable(96);
  separable(96);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  separable(128);
  separable(128);
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dropout({ rate: 0.2, seed: o.seed }));
  model.add(tf.layers.dense({ units: o.numClasses, activation: 'softmax', kernelInitializer: init() }));
  return model;
}
