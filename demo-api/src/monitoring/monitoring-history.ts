import type { z } from 'zod';
import type { historyPointSchema } from './monitoring-schemas';
import type { MonitoringReport } from './report/report-schema';

/** One sample of the report over time (what the dashboard draws as lines). */
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export interface MonitoringHistoryOptions {
  /** Points kept; the oldest is dropped past it. */
  capacity: number;
  /** At most one point per this many milliseconds (0: one per report). */
  intervalMs: number;
}

/** The figures of a report worth following over time. */
export function toHistoryPoint(report: MonitoringReport): HistoryPoint {
  const psi: Record<string, number | null> = {};
  for (const [statistic, drift] of Object.entries(report.drift.inputs)) psi[statistic] = drift.psi;
  if (report.drift.confidence) psi.confidence = report.drift.confidence.psi;
  if (report.drift.predicted_class) psi.predicted_class = report.drift.predicted_class.psi;
  return {
    time: report.generated_at,
    model_version: report.model_version,
    window_size: report.window.size,
    psi,
    mean_confidence: report.certainty.mean_confidence,
    low_confidence_share: report.certainty.low_confidence_share,
    accuracy: report.feedback.current.accuracy,
    feedback_count: report.feedback.current.count,
  };
}

/**
 * A bounded, sampled history of monitoring reports, kept in memory: a restart
 * starts it again from the replayed windows.
 */
export class MonitoringHistory {
  private readonly points: HistoryPoint[] = [];
  private lastAt = -Infinity;

  constructor(private readonly options: MonitoringHistoryOptions) {}

  /** Keep a point of this report unless the last one is more recent than the interval. */
  record(report: MonitoringReport, now = Date.now()): void {
    if (now - this.lastAt < this.options.intervalMs) return;
    this.lastAt = now;
    this.points.push(toHistoryPoint(report));
    if (this.points.length > this.options.capacity) this.points.shift();
  }

  /** The history as GET /monitoring/ shows it, oldest point first. */
  toJSON() {
    return {
      interval_ms: this.options.intervalMs,
      capacity: this.options.capacity,
      points: [...this.points],
    };
  }
}
