// Bodies of GET /monitoring/ and POST /feedback/ as zod schemas: the OpenAPI
// document is generated from them and the tests check real responses against them.
import { PSI_ALERT, PSI_WARN } from '@rings/ring-model/core';
import { z } from 'zod';
import { monitoringReportSchema } from './report/report-schema';

const nullableNumber = z.number().nullable();

export const historyPointSchema = z.object({
  time: z.string().describe('when the report behind this point was made'),
  model_version: z.string().nullable(),
  window_size: z.number().int(),
  psi: z
    .record(z.string(), nullableNumber)
    .describe(
      `PSI of each input statistic, of confidence and of predicted_class (default ${PSI_WARN} warn, ${PSI_ALERT} alert)`,
    ),
  mean_confidence: nullableNumber,
  low_confidence_share: nullableNumber,
  accuracy: nullableNumber.describe('live accuracy from feedback'),
  feedback_count: z.number().int(),
});

/** The body of GET /monitoring/: the report and its sampled history. */
export const monitoringResponseSchema = monitoringReportSchema.extend({
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
/** What a feedback taught us about one prediction. */
export type FeedbackOutcome = z.infer<typeof feedbackResponseSchema>;
