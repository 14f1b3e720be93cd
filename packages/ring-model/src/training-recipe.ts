// The training recipe: everything that shapes a fit, declared once with its
// defaults and descriptions. Training parses its options with it, the CLIs
// build their flags and help from it, and metadata.json records it.
import { z } from 'zod';
import { DEFAULT_NUM_CLASSES } from './labels';
import { DEFAULT_TRAINING_METHOD, PREPROCESSING_METHODS } from './preprocess';

const fraction = (split: string) =>
  z
    .number()
    .min(0.01)
    .max(0.5)
    .default(0.1)
    .describe(`share of each (source, class) stratum held out for ${split}`);

export const LEARNING_RATE_SCHEDULES = ['constant', 'cosine'] as const;
export const CLASS_WEIGHT_MODES = ['none', 'sqrt', 'balanced'] as const;

export const trainingRecipeSchema = z.object({
  epochs: z.number().int().min(1).max(1000).default(22).describe('passes over the training split'),
  batchSize: z.number().int().min(1).max(4096).default(64).describe('images per gradient step'),
  imageSize: z.number().int().min(16).max(512).default(80).describe('model input is n x n pixels'),
  preprocessing: z
    .enum(PREPROCESSING_METHODS)
    .default(DEFAULT_TRAINING_METHOD)
    .describe('how pixels become the model input'),
  numClasses: z
    .number()
    .int()
    .min(2)
    .max(64)
    .default(DEFAULT_NUM_CLASSES)
    .describe('classes 0..k-1, the last meaning k-1 or more'),
  learningRate: z.number().positive().max(1).default(0.002).describe('Adam learning rate at the start'),
  schedule: z
    .enum(LEARNING_RATE_SCHEDULES)
    .default('cosine')
    .describe('learning rate per epoch: constant, or cosine decay to 5% of the start'),
  classWeight: z
    .enum(CLASS_WEIGHT_MODES)
    .default('sqrt')
    .describe('loss weight per class: none, balanced (n / (K * n_k)) or its square root'),
  augment: z.boolean().default(true).describe('random rotations, flips and scale jitter'),
  scaleJitter: z.number().min(0).max(0.3).default(0.1).describe('shrink drawings by up to this share'),
  strokeJitter: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('share of drawings whose lines are thickened by up to a pixel at the input size'),
  seed: z
    .number()
    .int()
    .nonnegative()
    .default(42)
    .describe('seeds the initialisers, shuffling and augmentation'),
  splitSeed: z
    .number()
    .int()
    .nonnegative()
    .default(42)
    .describe('seeds the train/validation/test split (apart from --seed: same test compounds, another fit)'),
  validationFraction: fraction('validation'),
  testFraction: fraction('test'),
});

/** A complete recipe, every default filled in. */
export type TrainingRecipe = z.infer<typeof trainingRecipeSchema>;
/** A recipe as callers give it: any field may be left to its default. */
export type TrainingRecipeInput = z.input<typeof trainingRecipeSchema>;
export type LearningRateSchedule = TrainingRecipe['schedule'];
export type ClassWeightMode = TrainingRecipe['classWeight'];

/** The defaults of every recipe field: what `npm run train` uses when no flag is given. */
export const TRAINING_RECIPE_DEFAULTS: Readonly<TrainingRecipe> = Object.freeze(
  trainingRecipeSchema.parse({}),
);
