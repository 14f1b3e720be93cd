import type { PredictionRecord } from '../live/records';
import type { FeedbackSummary } from './report-schema';

/**
 * What the report reads: the recent predictions and each version's feedback
 * window. LiveMonitor is one (in memory); a shared store builds one from its rows.
 */
export interface ReportWindows {
  /** Predictions the window holds at most (all versions together). */
  readonly windowSize: number;
  /** Feedbacks each version's window holds at most. */
  readonly feedbackWindowSize: number;
  /** One version's predictions in the window, oldest first. */
  predictions(version: string): PredictionRecord[];
  /** Live accuracy and MAE of one version over its feedback window. */
  feedbackSummary(version: string): FeedbackSummary;
  /** Versions with feedback, oldest first. */
  feedbackVersions(): string[];
}
