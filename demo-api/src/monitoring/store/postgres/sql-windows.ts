import { summarizeFeedback } from '../../live/feedback-outcome';
import type { PredictionRecord } from '../../live/records';
import type { ReportWindows } from '../../report/report-windows';
import type { FeedbackSummary } from '../../report/report-schema';

/** A row of ring_monitoring.predictions as the report reads it. */
export type PredictionRow = Omit<PredictionRecord, 'type' | 'time'> & { time: Date };

/** A feedback in a version's window: its outcome, and when the version's first feedback came. */
export interface FeedbackRow {
  model_version: string;
  correct: boolean;
  absolute_error: number;
  /** The id of the version's oldest feedback row (orders versions oldest first); bigint comes as text. */
  first_id: string;
}

/** The report's windows over rows read from the shared store (see PostgresMonitoringStore.windows). */
export class SqlWindows implements ReportWindows {
  readonly windowSize: number;
  readonly feedbackWindowSize: number;
  private readonly recent: PredictionRecord[];
  private readonly feedback = new Map<string, FeedbackRow[]>();

  /** predictions oldest first; feedback holds each version's window. */
  constructor(
    sizes: { windowSize: number; feedbackWindowSize: number },
    predictions: PredictionRow[],
    feedback: FeedbackRow[],
    maxVersions: number,
  ) {
    this.windowSize = sizes.windowSize;
    this.feedbackWindowSize = sizes.feedbackWindowSize;
    this.recent = predictions.map((row) => ({ ...row, type: 'prediction', time: row.time.toISOString() }));
    const byAge = [...feedback].sort((a, b) => Number(a.first_id) - Number(b.first_id));
    for (const row of byAge) {
      const rows = this.feedback.get(row.model_version) ?? [];
      if (rows.length === 0) this.feedback.set(row.model_version, rows);
      rows.push(row);
    }
    for (const version of [...this.feedback.keys()].slice(0, -maxVersions)) this.feedback.delete(version);
  }

  predictions(version?: string): PredictionRecord[] {
    return version === undefined ? this.recent : this.recent.filter((p) => p.model_version === version);
  }

  feedbackSummary(version: string): FeedbackSummary {
    return summarizeFeedback(this.feedback.get(version) ?? []);
  }

  feedbackVersions(): string[] {
    return [...this.feedback.keys()];
  }
}
