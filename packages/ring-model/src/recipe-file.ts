// The one mapping between the recipe in code (camelCase, typed) and the recipe
// in metadata.json (`training.hyperparameters`, snake_case keys, as every file
// since the first one wrote it).
import { z } from 'zod';
import { trainingRecipeSchema, type TrainingRecipe } from './training-recipe';

type RecipeShape = typeof trainingRecipeSchema.shape;
type RecordedShape = { [K in keyof RecipeShape]: z.ZodOptional<ReturnType<RecipeShape[K]['unwrap']>> };

/**
 * A recipe as a file records it: each field optional and never defaulted (a
 * file from before a field existed was trained without it, not with today's
 * default); unknown keys of older files are left out.
 */
export const recordedRecipeSchema = z.object(
  Object.fromEntries(
    Object.entries(trainingRecipeSchema.shape).map(([key, field]) => [key, field.unwrap().optional()]),
  ) as RecordedShape,
);
export type RecordedRecipe = z.infer<typeof recordedRecipeSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const toSnakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamelCase = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const renameKeys = (value: object, rename: (key: string) => string) =>
  Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [rename(k), v]),
  );

/** `training.hyperparameters`: snake_case in the file, a typed camelCase recipe in code. */
export const recipeFileCodec = z.codec(z.record(z.string(), scalar), recordedRecipeSchema, {
  decode: (file) => renameKeys(file, toCamelCase),
  encode: (recipe) => renameKeys(recipe, toSnakeCase),
});

/** The recipe's fields as the file (and MLflow's run params) name them. */
export function recipeToFileRecord(
  recipe: RecordedRecipe | TrainingRecipe,
): Record<string, string | number | boolean> {
  return recipeFileCodec.encode(recipe);
}
