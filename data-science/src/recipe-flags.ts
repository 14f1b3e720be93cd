// Command-line flags for training recipe fields, built from ring-model's
// trainingRecipeSchema: the flag name, its help, choices and default come from
// the schema, so the CLIs cannot drift from what training does.
import { TRAINING_RECIPE_DEFAULTS, trainingRecipeSchema, type TrainingRecipe } from '@rings/ring-model';
import { Option, type Command } from 'commander';
import { z } from 'zod';

export type RecipeKey = keyof TrainingRecipe;

const shape = trainingRecipeSchema.shape;
const kebabCase = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every recipe field, in the schema's order. */
export const RECIPE_KEYS = Object.keys(shape) as RecipeKey[];

/** How a flag's help names its default; training's own by default. */
export type DefaultNote = (key: RecipeKey, value: TrainingRecipe[RecipeKey]) => string;
const trainingDefault: DefaultNote = (_key, value) => `default ${String(value)}`;

/** Add one option per recipe field: --kebab-name <value> with the field's description, default and choices. */
export function addRecipeOptions(
  command: Command,
  keys: readonly RecipeKey[],
  note: DefaultNote = trainingDefault,
): Command {
  for (const key of keys) command.addOption(recipeOption(key, note));
  return command;
}

function recipeOption(key: RecipeKey, note: DefaultNote): Option {
  const field = shape[key];
  const inner = field.unwrap();
  const fallback = TRAINING_RECIPE_DEFAULTS[key];
  if (inner instanceof z.ZodBoolean) {
    return fallback === true
      ? new Option(`--no-${kebabCase(key)}`, `no ${field.description} (on by default)`)
      : new Option(`--${kebabCase(key)}`, `${field.description} (off by default)`);
  }
  const option = new Option(`--${kebabCase(key)} <value>`, `${field.description} (${note(key, fallback)})`);
  return inner instanceof z.ZodEnum ? option.choices(inner.options.map(String)) : option;
}

type FlagShape<K extends RecipeKey> = { [P in K]: z.ZodOptional<z.ZodType<TrainingRecipe[P], unknown>> };

/** The recipe fields of parsed flags: text becomes a number where the recipe wants one; absent stays absent. */
export function recipeFlagsSchema<K extends RecipeKey>(keys: readonly K[]): z.ZodObject<FlagShape<K>> {
  const fields = keys.map((key) => {
    const inner = shape[key].unwrap();
    const fromText = inner instanceof z.ZodNumber ? z.coerce.number().pipe(inner) : inner;
    return [key, fromText.optional()];
  });
  return z.object(Object.fromEntries(fields) as FlagShape<K>);
}
