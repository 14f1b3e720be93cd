// Bodies of GET /monitoring/ and POST /feedback/ as zod schemas: the OpenAPI
// document is generated from them and the tests check real responses against them.
import { z } from 'zod';

const nullableNumber = z.number().nullable();

const statisticDriftSchema = z.object({
  method: z
    .enum(['psi', 'psi+ks'])
    .nullable()
    .describe('psi+ks: the lower of the PSI and KS levels; psi: PSI alone (baseline without samples)'),
  level: z.enum(['ok', 'warn', 'alert', 'insufficient_data']),
  psi: nullableNumber.describe('population stability index over the baseline bins (0.1 warn, 0.25 alert)'),
  ks_statistic: nullableNumber.describe('two-sample KS statistic D against the baseline sample'),
  ks_p_value: nullableNumber.describe('KS p-value (below 0.01 warn, 0.001 alert)'),
  window_size: z.number().int(),
  live_mean: nullableNumber,
  baseline_mean: nullableNumber,
  edges: z.array(z.number()).describe('bin edges of the baseline histogram'),
  baseline_counts: z.array(z.number().int()).describe('baseline counts per bin'),
  live_counts: z.array(z.number().int()).describe('live counts per bin'),
});

const feedbackSummarySchema = z.object({
  count: z.number().int().describe('feedbacks in the window'),
  accuracy: nullableNumber.describe('share of correct predictions'),
  mae: nullableNumber.describe('mean absolute error, in classes (ring counts capped at K-1)'),
});

const reasonSchema = z.object({
  code: z.string().describe('stable: input_drift.<statistic>, prediction_drift.<...>, live_accuracy'),
  message: z.string(),
});

export const historyPointSchema = z.object({
  time: z.string().describe('when the report behind this point was made'),
  model_version: z.string().nullable(),
  window_size: z.number().int(),
  psi: z
    .record(z.string(), nullableNumber)
    .describe('PSI of each input statistic, of confidence and of predicted_class (0.1 warn, 0.25 alert)'),
  mean_confidence: nullableNumber,
  low_confidence_share: nullableNumber,
  accuracy: nullableNumber.describe('live accuracy from feedback'),
  feedback_count: z.number().int(),
});

export const monitoringReportSchema = z.object({
  model_version: z.string().nullable().describe('the serving version the report is about'),
  generated_at: z.string(),
  window: z.object({
    size: z.number().int().describe("the serving version's predictions in the window"),
    capacity: z.number().int(),
    oldest: z.string().nullable(),
    newest: z.string().nullable(),
  }),
  certainty: z.object({
    mean_confidence: nullableNumber,
    low_confidence_share: nullableNumber,
    low_confidence_threshold: z.number(),
    baseline_low_confidence_share: nullableNumber,
  }),
  drift: z.object({
    baseline_available: z
      .boolean()
      .describe("false when the model's metadata.json has no monitoring baseline"),
    baseline_sample_size: z.number().int().nullable(),
    predicted_class: statisticDriftSchema.nullable(),
    confidence: statisticDriftSchema.nullable(),
    inputs: z.record(z.string(), statisticDriftSchema).describe('per input statistic'),
  }),
  feedback: z.object({
    current: feedbackSummarySchema.extend({
      expected_accuracy: nullableNumber.describe("the model's test accuracy (metadata.json)"),
      accuracy_floor: z.number().describe('live accuracy below this recommends retraining'),
      window_capacity: z.number().int(),
    }),
    by_version: z.record(z.string(), feedbackSummarySchema),
  }),
  recommendation: z.object({
    retraining_recommended: z.boolean(),
    reasons: z.array(reasonSchema).describe('thresholds crossed (alerts)'),
    warnings: z.array(reasonSchema).describe('moderate shifts worth watching'),
  }),
  history: z
    .object({
      interval_ms: z
        .number()
        .int()
        .describe('at most one point per interval (MONITORING_HISTORY_INTERVAL_MS)'),
      capacity: z.number().int().describe('points kept (MONITORING_HISTORY_POINTS); older ones are dropped'),
      points: z.array(historyPointSchema).describe('oldest first; in memory, started again on restart'),
    })
    .describe('the report sampled over time, for the dashboard'),
});

export const feedbackBodySchema = z.strictObject({
  request_id: z.string().min(1).max(200).describe('the request_id POST /predict/ returned'),
  num_rings: z.number().int().min(0).max(1000).describe('the true number of rings'),
});

export const feedbackResponseSchema = z.object({
  request_id: z.string(),
  model_version: z.string().describe('the version that made the prediction'),
  predicted_class: z.number().int(),
  true_class: z.number().int().describe('num_rings as a class (capped at K-1)'),
  correct: z.boolean(),
  absolute_error: z.number().int(),
});
