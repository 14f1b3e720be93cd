// The monitoring report (the body of GET /monitoring/ without its history) as
// one zod schema: the types below are inferred from it, the OpenAPI document is
// generated from it, and the tests check real responses against it.
import { statisticDriftSchema } from '@rings/ring-model/core';
import { z } from 'zod';
import { DEFAULT_MONITORING_THRESHOLDS } from './thresholds';

const { lowConfidence, accuracyDrop, fallbackMinAccuracy, minFeedback } = DEFAULT_MONITORING_THRESHOLDS;
const nullableNumber = z.number().nullable();

/** Live accuracy over a version's feedback window. */
export const feedbackSummarySchema = z.object({
  count: z.number().int().describe('feedbacks in the window'),
  accuracy: nullableNumber.describe('share of correct predictions'),
  mae: nullableNumber.describe('mean absolute error, in classes (ring counts capped at K-1)'),
});
export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;

/** Live accuracy of the serving version, with the floor it is judged against. */
export const currentFeedbackSchema = feedbackSummarySchema.extend({
  expected_accuracy: nullableNumber.describe("the model's test accuracy (metadata.json)"),
  accuracy_floor: z
    .number()
    .describe(
      `live accuracy below this recommends retraining, from ${minFeedback} feedbacks on (default: ` +
        `test accuracy - ${accuracyDrop}, or ${fallbackMinAccuracy} without one)`,
    ),
  window_capacity: z.number().int(),
});
export type CurrentFeedback = z.infer<typeof currentFeedbackSchema>;

/** Why retraining is (or might soon be) recommended; code is stable, message is for people. */
export const retrainingReasonSchema = z.object({
  code: z.string().describe('stable: input_drift.<statistic>, prediction_drift.<...>, live_accuracy'),
  message: z.string(),
});
export type RetrainingReason = z.infer<typeof retrainingReasonSchema>;

/** The report's verdict: alerts are reasons, warnings are shifts worth watching. */
export const recommendationSchema = z.object({
  retraining_recommended: z.boolean(),
  reasons: z.array(retrainingReasonSchema).describe('thresholds crossed (alerts)'),
  warnings: z.array(retrainingReasonSchema).describe('moderate shifts worth watching'),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const driftReportSchema = z.object({
  baseline_available: z.boolean().describe("false when the model's metadata.json has no monitoring baseline"),
  baseline_sample_size: z.number().int().nullable(),
  predicted_class: statisticDriftSchema.nullable(),
  confidence: statisticDriftSchema.nullable(),
  inputs: z.record(z.string(), statisticDriftSchema).describe('per input statistic'),
});
export type DriftReport = z.infer<typeof driftReportSchema>;

/** Drift, certainty and live accuracy of the serving version, and whether to retrain. */
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
    low_confidence_threshold: z
      .number()
      .describe(`predictions below this confidence count as low-confidence (default ${lowConfidence})`),
    baseline_low_confidence_share: nullableNumber,
  }),
  drift: driftReportSchema,
  feedback: z.object({
    current: currentFeedbackSchema,
    by_version: z.record(z.string(), feedbackSummarySchema),
  }),
  recommendation: recommendationSchema,
});
export type MonitoringReport = z.infer<typeof monitoringReportSchema>;
