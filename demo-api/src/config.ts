// The environment, parsed once at start-up into a typed object. Nothing else
// reads process.env. A bad value stops the process with one line per variable.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MODEL_NAME, PROMOTION_STEPS, modelNameSchema, zodIssueLines } from '@rings/ring-model/core';
import { accessEnv, readSecretFiles } from './access/access-config';
import { monitoringEnv } from './monitoring/monitoring-config';
import { downloadLimitsEnv } from './update-models/download-limits';

const MIB = 1024 * 1024;

/** How the API predicts unless the environment says otherwise (benchmarks measure the same). */
export const INFERENCE_DEFAULTS = {
  /** micro-batching: images per model call */
  BATCH_MAX_SIZE: 32,
  /** plan (compiled) or layers */
  INFERENCE_MODE: 'plan',
} as const;

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MODEL_STORE_DIR: z
    .string()
    .default('./models')
    .transform((dir) => path.resolve(dir))
    .describe(
      "the model store: <version>/ folders and deployed.json (with MODEL_SOURCE=registry: this host's cache of the registry)",
    ),
  MODEL_SOURCE: z
    .enum(['store', 'registry'])
    .default('store')
    .describe(
      'store: the API follows deployed.json in MODEL_STORE_DIR, which ./update-models.sh writes; registry: it follows the MLflow alias champion of MODEL_NAME, downloading versions into MODEL_STORE_DIR, and ./update-models.sh moves the alias',
    ),
  MODEL_NAME: modelNameSchema.default(DEFAULT_MODEL_NAME).describe('MLflow registered model name'),
};

/** The API's environment. */
export const serverEnvSchema = z.object({
  ...common,
  ...monitoringEnv,
  ...accessEnv,
  ...downloadLimitsEnv,
  REGISTRY_POLL_MS: int(200, 3_600_000, 2000).describe(
    'MODEL_SOURCE=registry: how often the alias is read from MLflow',
  ),
  HOST: z.string().default('0.0.0.0').describe('interface to listen on'),
  PORT: int(0, 65535, 8080).describe('TCP port (0: any free port)'),
  MAX_UPLOAD_BYTES: int(1, 100 * MIB, 5 * MIB).describe('largest accepted image file'),
  MAX_INPUT_PIXELS: int(1, 268_402_689, 4096 * 4096).describe('largest accepted image, width x height'),
  MAX_BATCH_IMAGES: int(1, 256, 32).describe('images per POST /predict/batch/ request'),
  BATCH_MAX_SIZE: int(1, 512, INFERENCE_DEFAULTS.BATCH_MAX_SIZE).describe(
    'micro-batching: images per model call',
  ),
  BATCH_WINDOW_MS: z.coerce.number().min(0).max(1000).default(2).describe('micro-batching: gathering time'),
  INFERENCE_MODE: z
    .enum(['plan', 'layers'])
    .default(INFERENCE_DEFAULTS.INFERENCE_MODE)
    .describe(
      "plan: a compiled plan (batch norm folded into fused conv ops), used when it matches the model's outputs at load, else the layers API; layers: always the tfjs layers API",
    ),
  PREDICT_QUEUE_LIMIT: int(1, 100_000, 1024).describe('queued images before 503 overloaded'),
  MODEL_POLL_MS: int(50, 60_000, 1000).describe('how often deployed.json is re-read besides fs.watch'),
  SHUTDOWN_TIMEOUT_MS: int(0, 120_000, 10_000).describe('grace period for in-flight requests on SIGTERM'),
  SHUTDOWN_DRAIN_MS: int(0, 120_000, 0).describe(
    'on SIGTERM, answer /readyz 503 and keep serving this long before closing, so a load balancer stops sending first',
  ),
  TRUST_PROXY: int(0, 10, 0).describe(
    'proxy hops in front of the API whose X-Forwarded-For gives the client address (0: none; 1: behind one load balancer); set it only when clients cannot reach the API directly',
  ),
  REQUEST_TIMEOUT_MS: int(500, 600_000, 30_000).describe(
    'a client must send its whole request (headers and body) within this time, else 408',
  ),
  RATE_LIMIT_PREDICT_PER_MINUTE: int(0, 1_000_000, 600).describe(
    'requests per client IP and minute on /predict/ and /predict/batch/, else 429 (0: no limit)',
  ),
  // Cost-based admission on the predict routes (http/admission.ts): work is charged before decoding.
  RATE_LIMIT_PREDICT_PIXELS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .max(1e12)
    .optional()
    .describe(
      'decoded pixels per client IP and minute on the predict routes, read from the image headers before decoding, else 429 (0: no limit; unset: 200,000 per request RATE_LIMIT_PREDICT_PER_MINUTE allows)',
    ),
  ADMISSION_MAX_INFLIGHT_BYTES: int(0, 16_384 * MIB, 256 * MIB).describe(
    'upload bytes the predict routes receive or hold at once, all clients together, else 503 (0: no limit)',
  ),
  ADMISSION_MAX_INFLIGHT_PIXELS: int(0, 1e12, 128_000_000).describe(
    'pixels being decoded at once, all clients together, else 503 (0: no limit)',
  ),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .describe('origins browsers may call the API from, comma-separated; "*" for any; empty: none'),
});

/** update-models' environment (MLflow settings are read by @rings/mlflow-client). */
export const promoteEnvSchema = z.object({
  ...common,
  MODEL_SOURCE_DIR: z
    .string()
    .default('./data-science/models')
    .transform((dir) => path.resolve(dir))
    .describe('where training exports <version>/ folders'),
  ...downloadLimitsEnv,
  RING_PROMOTE_CRASH_AT: z
    .enum([...PROMOTION_STEPS, 'alias-set'])
    .optional()
    .describe('tests only: SIGKILL the promotion at this step'),
});

export type ServerConfig = z.infer<typeof serverEnvSchema>;
export type PromoteConfig = z.infer<typeof promoteEnvSchema>;

/** A bad environment; `issues` holds one "VARIABLE: message" line per problem. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid environment:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  // An empty variable (PORT=) means "use the default", as in most shells' intent.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(zodIssueLines(result.error.issues));
  }
  return result.data;
}

/** Parse the API's environment (reading FEEDBACK_TOKEN_FILE and the like); throws ConfigError. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const secrets = readSecretFiles(env);
  if (secrets.issues.length > 0) throw new ConfigError(secrets.issues);
  return parseEnv(serverEnvSchema, secrets.env);
}

/** Parse update-models' environment; throws ConfigError. */
export function loadPromoteConfig(env: NodeJS.ProcessEnv = process.env): PromoteConfig {
  return parseEnv(promoteEnvSchema, env);
}
