import { ringCountToClass } from '@rings/ring-model/core';
import type { FeedbackOutcome } from '../monitoring-schemas';
import type { FeedbackSummary } from '../report/report-schema';
import type { PredictionRecord } from './records';

/** What a true ring count says about a prediction: its class, and whether the model was right. */
export function feedbackOutcome(
  prediction: Pick<PredictionRecord, 'model_version' | 'class' | 'num_classes'>,
  feedback: { request_id: string; num_rings: number },
): FeedbackOutcome {
  const trueClass = ringCountToClass(feedback.num_rings, prediction.num_classes);
  return {
    request_id: feedback.request_id,
    model_version: prediction.model_version,
    predicted_class: prediction.class,
    true_class: trueClass,
    correct: trueClass === prediction.class,
    absolute_error: Math.abs(trueClass - prediction.class),
  };
}

/** Live accuracy and MAE over a version's feedback window. */
export function summarizeFeedback(
  outcomes: readonly Pick<FeedbackOutcome, 'correct' | 'absolute_error'>[],
): FeedbackSummary {
  const count = outcomes.length;
  if (count === 0) return { count, accuracy: null, mae: null };
  const correct = outcomes.filter((o) => o.correct).length;
  const errors = outcomes.reduce((sum, o) => sum + o.absolute_error, 0);
  return { count, accuracy: correct / count, mae: errors / count };
}
