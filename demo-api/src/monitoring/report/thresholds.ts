import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from '@rings/ring-model/core';

/** Every threshold of the monitoring report; all have defaults. */
export interface MonitoringThresholds extends DriftThresholds {
  /** A prediction below this confidence counts as low-confidence. */
  lowConfidence: number;
  /** Retraining is recommended when live accuracy falls this far below the test accuracy. */
  accuracyDrop: number;
  /** The accuracy floor for a model whose metadata has no test accuracy. */
  fallbackMinAccuracy: number;
  /** Live accuracy is judged from this many feedbacks on. */
  minFeedback: number;
}

export const DEFAULT_MONITORING_THRESHOLDS: MonitoringThresholds = {
  ...DEFAULT_DRIFT_THRESHOLDS,
  lowConfidence: 0.5,
  accuracyDrop: 0.1,
  fallbackMinAccuracy: 0.5,
  minFeedback: 20,
};
