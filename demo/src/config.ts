// The demo's settings: its environment variables and flags, parsed once here.
// Nothing else in the demo reads process.env; children get `childEnv`.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';

const randomToken = (): string => randomBytes(24).toString('hex');
const DEFAULT_EPOCHS = 3;
const DEFAULT_IMAGE_SIZE = 64;

/** The demo's environment variables. */
export const demoEnvSchema = z.object({
  RING_DEMO_DIR: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, '.demo'))
    .transform((dir) => path.resolve(dir))
    .describe(
      'where the demo keeps its MLflow store, data, models and logs (default .demo/); each run starts it clean',
    ),
  RING_DEMO_EPOCHS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_EPOCHS)
    .describe(`training epochs per version (default ${DEFAULT_EPOCHS})`),
  RING_DEMO_IMAGE_SIZE: z.coerce
    .number()
    .int()
    .min(16)
    .max(512)
    .default(DEFAULT_IMAGE_SIZE)
    .describe(`model input size in pixels (default ${DEFAULT_IMAGE_SIZE})`),
  PORT: z.coerce.number().int().min(1).max(65535).optional().describe('the API port (default: a free one)'),
  MLFLOW_TRACKING_URI: z.url().optional().describe('an MLflow server to use instead of starting one'),
  MODEL_NAME: z
    .string()
    .min(1)
    .optional()
    .describe('registered model name (default ring-counter; with MLFLOW_TRACKING_URI, a new name each run)'),
  FEEDBACK_TOKEN: z
    .string()
    .min(1)
    .default(randomToken)
    .describe('the API feedback token (default: a new one)'),
  OPERATIONS_TOKEN: z
    .string()
    .min(1)
    .default(randomToken)
    .describe('the API operations token (default: a new one)'),
});

/** Everything the demo's steps are told. */
export interface DemoConfig {
  dir: string;
  epochs: number;
  imageSize: number;
  port?: number;
  trackingUri?: string;
  modelName?: string;
  tokens: { feedback: string; operations: string };
  /** keep MLflow and the API up at the end, until Ctrl-C */
  serve: boolean;
  /** the environment the demo's commands start with */
  childEnv: NodeJS.ProcessEnv;
}

/** A setting the demo cannot use; the message names each bad variable or flag. */
export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}

const FLAGS = ['--serve', '--help'] as const;

/** Parse the environment and the flags; throws DemoConfigError with a line per problem. */
export function readDemoConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): DemoConfig {
  const unknown = argv.filter((flag) => !(FLAGS as readonly string[]).includes(flag));
  if (unknown.length > 0) throw new DemoConfigError(`unknown flag ${unknown.join(', ')}: try --help`);
  const parsed = demoEnvSchema.safeParse(env);
  if (!parsed.success) throw new DemoConfigError(`invalid settings:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    dir: e.RING_DEMO_DIR,
    epochs: e.RING_DEMO_EPOCHS,
    imageSize: e.RING_DEMO_IMAGE_SIZE,
    port: e.PORT,
    trackingUri: e.MLFLOW_TRACKING_URI,
    modelName: e.MODEL_NAME,
    tokens: { feedback: e.FEEDBACK_TOKEN, operations: e.OPERATIONS_TOKEN },
    serve: argv.includes('--serve'),
    childEnv: { ...env },
  };
}

/** --help: the usage, the steps in a sentence, and every setting from the schema. */
export function demoHelp(): string {
  const settings = Object.entries(demoEnvSchema.shape).map(
    ([name, schema]) => `  ${name.padEnd(21)} ${schema.description ?? ''}`,
  );
  return [
    'usage: npm run demo [-- --serve]',
    '',
    'The whole lifecycle on this machine, without Docker: installs what is missing, starts MLflow',
    '(unless MLFLOW_TRACKING_URI is set), ingests, trains v1 and v2, promotes v1, serves, predicts,',
    'promotes v2, predicts again, sends traffic and feedback, shows the monitoring report.',
    '',
    '  --serve               keep MLflow and the API up at the end, until Ctrl-C',
    '',
    'Settings (environment):',
    ...settings,
  ].join('\n');
}
