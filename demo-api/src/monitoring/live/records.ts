import { z } from 'zod';
import { INPUT_STAT_NAMES, VERSION_NAME_PATTERN, type InputStatName } from '@rings/ring-model/core';

const inputStatsSchema = z.object(
  Object.fromEntries(INPUT_STAT_NAMES.map((name) => [name, z.number()])) as Record<
    InputStatName,
    z.ZodNumber
  >,
);

/** One served prediction, as kept in the windows and written to the prediction log. */
export const predictionRecordSchema = z.object({
  type: z.literal('prediction'),
  request_id: z.string().min(1).describe('the id POST /predict/ returned; feedback names it'),
  time: z.iso.datetime().describe('when the prediction was served (ISO 8601)'),
  model_version: z.string().regex(VERSION_NAME_PATTERN).describe('the version that answered'),
  class: z.number().int().nonnegative().describe('predicted class'),
  confidence: z.number().min(0).max(1).describe('probability of the predicted class'),
  num_classes: z.number().int().min(2).describe('K of the answering model (to map ring counts to classes)'),
  stats: inputStatsSchema.describe('input statistics of the preprocessed image'),
});
export type PredictionRecord = z.infer<typeof predictionRecordSchema>;

/** The true answer for an earlier prediction. */
export const feedbackRecordSchema = z.object({
  type: z.literal('feedback'),
  request_id: z.string().min(1),
  time: z.iso.datetime(),
  num_rings: z.number().int().nonnegative().describe('the true ring count'),
});
export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;

/** A line of the prediction log. */
export const logRecordSchema = z.discriminatedUnion('type', [predictionRecordSchema, feedbackRecordSchema]);
export type LogRecord = z.infer<typeof logRecordSchema>;
