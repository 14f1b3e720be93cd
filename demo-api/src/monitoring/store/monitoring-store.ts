import type { PredictionRecord } from '../live/records';
import type { FeedbackOutcome } from '../monitoring-schemas';
import type { ReportWindows } from '../report/report-windows';

/** The true ring count of an earlier prediction, as POST /feedback/ takes it. */
export interface FeedbackInput {
  request_id: string;
  num_rings: number;
}

/** Counters of the store, for /metrics (monitoring_prediction_log_*_total). */
export interface MonitoringStoreStats {
  /** Records (predictions and feedback) the store has kept. */
  written: number;
  /** Records dropped instead of delaying a request (a slow disk or database, a failed write). */
  dropped: number;
}

/**
 * Where the monitoring service keeps served predictions and their feedback,
 * and where its report reads them back. The report and alerts code only sees
 * this interface: FileMonitoringStore (one process, in-memory windows and the
 * prediction log) is today's; a store shared by several replicas implements the
 * same six methods.
 */
export interface MonitoringStore {
  /**
   * Get ready before serving (the file store replays its log's tail into the
   * windows). Resolves to counts and facts for the start-up log line.
   */
  open(): Promise<Record<string, number | string>>;
  /**
   * Keep a served prediction. Called on the serving path after the response:
   * never waits and never throws; what cannot be kept in time is dropped and counted.
   */
  savePrediction(record: PredictionRecord): void;
  /**
   * Record the true ring count of a kept prediction, once. Rejects with
   * UnknownRequestIdError for a request_id the store does not hold, and with
   * FeedbackAlreadyRecordedError for a second feedback (the first stands).
   */
  saveFeedback(feedback: FeedbackInput): Promise<FeedbackOutcome>;
  /** The windows the report is built from, as of now. */
  windows(): Promise<ReportWindows>;
  stats(): MonitoringStoreStats;
  /** Write what is pending and release the store's resources. */
  close(): Promise<void>;
}

/** The shared store could not be reached or refused a query: the caller gets 503 and retries later. */
export class MonitoringStoreUnavailableError extends Error {
  readonly code = 'MONITORING_UNAVAILABLE';
  constructor(cause: unknown) {
    super(
      `the monitoring database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}
