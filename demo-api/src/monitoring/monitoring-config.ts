// Monitoring's share of the API's environment, spread into serverEnvSchema.
import path from 'node:path';
import { z } from 'zod';

const MIB = 1024 * 1024;
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Environment variables of monitoring (all optional). */
export const monitoringEnv = {
  MONITORING_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional()
    .describe(
      'Postgres shared by every replica for predictions and feedback (postgres://user:password@host:5432/db, or _FILE); unset: this process keeps them in MONITORING_DIR',
    ),
  MONITORING_PENDING_LIMIT: int(100, 1_000_000, 10_000).describe(
    'with a database: predictions waiting to be written at most (while it is slow or down); the oldest are dropped and counted beyond',
  ),
  MONITORING_DIR: z
    .string()
    .optional()
    .describe('prediction log folder (default: $MODEL_STORE_DIR/.monitoring, on the shared volume)'),
  MONITORING_WINDOW: int(10, 1_000_000, 1000).describe('predictions in the drift and certainty window'),
  FEEDBACK_WINDOW: int(1, 1_000_000, 500).describe('feedbacks per model version in the live-accuracy window'),
  FEEDBACK_INDEX: int(1, 10_000_000, 20_000).describe('recent predictions that can still receive feedback'),
  PREDICTION_LOG_MAX_BYTES: int(4096, 1024 * MIB, 10 * MIB).describe(
    'rotate the prediction log at this size',
  ),
  PREDICTION_LOG_FILES: int(0, 1000, 5).describe('rotated prediction log files kept'),
  MONITORING_HISTORY_POINTS: int(1, 100_000, 720).describe('points of the report kept over time'),
  MONITORING_HISTORY_INTERVAL_MS: int(0, 86_400_000, 60_000).describe(
    'at most one history point per this many milliseconds',
  ),
};

/** The parsed monitoring variables, plus the store they default into. */
export type MonitoringEnv = z.infer<z.ZodObject<typeof monitoringEnv>> & { MODEL_STORE_DIR: string };

/** Where the prediction log lives: MONITORING_DIR, else a hidden folder of the store (never a version name). */
export function monitoringDir(env: Pick<MonitoringEnv, 'MODEL_STORE_DIR' | 'MONITORING_DIR'>): string {
  return path.resolve(env.MONITORING_DIR ?? path.join(env.MODEL_STORE_DIR, '.monitoring'));
}
