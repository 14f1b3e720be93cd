// Training's environment, parsed once at start-up. The MLflow connection
// variables (MLFLOW_TRACKING_URI, ...) are read by @rings/mlflow-client.
import { DEFAULT_MODEL_NAME, modelNameSchema } from '@rings/ring-model/core';
import { z } from 'zod';
import { parseOptions } from './errors';

/** The environment variables training reads, with their defaults. */
export const trainingEnvSchema = z.object({
  MLFLOW_EXPERIMENT: z.string().min(1).default('ring-count').describe('MLflow experiment of the runs'),
  MODEL_NAME: modelNameSchema
    .default(DEFAULT_MODEL_NAME)
    .describe('MLflow registered model that training adds versions to'),
});
export type TrainingEnv = z.infer<typeof trainingEnvSchema>;

/** Parse training's environment; throws INVALID_OPTIONS with one line per bad variable. */
export function readTrainingEnv(env: Record<string, string | undefined> = process.env): TrainingEnv {
  const present = Object.fromEntries(
    Object.keys(trainingEnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  return parseOptions(trainingEnvSchema, present, 'environment');
}
