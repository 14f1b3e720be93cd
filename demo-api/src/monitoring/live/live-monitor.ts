import type { FeedbackOutcome } from '../monitoring-schemas';
import type { ReportWindows } from '../report/report-windows';
import type { FeedbackSummary } from '../report/report-schema';
import { feedbackOutcome, summarizeFeedback } from './feedback-outcome';
import type { FeedbackRecord, PredictionRecord } from './records';
import { RingBuffer } from './ring-buffer';

/** Sizes of the rolling windows; every structure is bounded by one of them. */
export interface LiveMonitorOptions {
  /** Last predictions kept for drift and certainty (all versions together); default 1000. */
  windowSize?: number;
  /** Last feedbacks kept per model version for live accuracy; default 500. */
  feedbackWindowSize?: number;
  /** Last predictions whose request_id can still receive feedback; default 20000. */
  indexSize?: number;
  /** Model versions whose feedback windows are kept (oldest dropped first); default 10. */
  maxVersions?: number;
}

/** Feedback named a request_id that is not (or no longer) among the recent predictions. */
export class UnknownRequestIdError extends Error {
  readonly code = 'UNKNOWN_REQUEST_ID';
  constructor(
    readonly requestId: string,
    indexSize: number,
  ) {
    super(
      `no prediction with request_id "${requestId}" among the last ${indexSize} predictions: ` +
        'send the request_id that POST /predict/ returned, soon after the prediction',
    );
  }
}

/** Feedback named a prediction that already has feedback: the first answer stands. */
export class FeedbackAlreadyRecordedError extends Error {
  readonly code = 'FEEDBACK_ALREADY_RECORDED';
  constructor(readonly requestId: string) {
    super(
      `the prediction with request_id "${requestId}" already has feedback; each prediction takes one, ` +
        'and the first answer stands',
    );
  }
}

/** Rolling windows of predictions and feedback, with bounded memory. */
export class LiveMonitor implements ReportWindows {
  readonly windowSize: number;
  readonly feedbackWindowSize: number;
  readonly indexSize: number;
  private readonly maxVersions: number;
  private readonly window: RingBuffer<PredictionRecord>;
  private readonly index = new Map<string, PredictionRecord>();
  /** The request_ids in the index that have feedback (bounded by the index). */
  private readonly answered = new Set<string>();
  private readonly feedback = new Map<string, RingBuffer<FeedbackOutcome>>();

  constructor(options: LiveMonitorOptions = {}) {
    this.windowSize = options.windowSize ?? 1000;
    this.feedbackWindowSize = options.feedbackWindowSize ?? 500;
    this.indexSize = options.indexSize ?? 20_000;
    this.maxVersions = options.maxVersions ?? 10;
    this.window = new RingBuffer(this.windowSize);
  }

  /** Add a served prediction to the window and make its request_id known to feedback. */
  recordPrediction(record: PredictionRecord): void {
    this.window.push(record);
    this.index.delete(record.request_id);
    this.index.set(record.request_id, record);
    if (this.index.size > this.indexSize) {
      const oldest = this.index.keys().next().value as string;
      this.index.delete(oldest);
      this.answered.delete(oldest);
    }
  }

  /** Whether feedback for this request_id would be accepted. */
  hasPrediction(requestId: string): boolean {
    return this.index.has(requestId);
  }

  /** Whether this request_id already had its feedback. */
  hasFeedback(requestId: string): boolean {
    return this.answered.has(requestId);
  }

  /**
   * Record the true ring count of an earlier prediction, once per prediction.
   * Throws UnknownRequestIdError, or FeedbackAlreadyRecordedError for a second one.
   */
  recordFeedback(record: Pick<FeedbackRecord, 'request_id' | 'num_rings'>): FeedbackOutcome {
    const prediction = this.index.get(record.request_id);
    if (!prediction) throw new UnknownRequestIdError(record.request_id, this.indexSize);
    if (this.answered.has(record.request_id)) throw new FeedbackAlreadyRecordedError(record.request_id);
    const outcome = feedbackOutcome(prediction, record);
    this.feedbackWindow(prediction.model_version).push(outcome);
    this.answered.add(record.request_id);
    return outcome;
  }

  /** Predictions in the window, oldest first; only one version's when given. */
  predictions(version?: string): PredictionRecord[] {
    const all = this.window.toArray();
    return version === undefined ? all : all.filter((p) => p.model_version === version);
  }

  /** Live accuracy and MAE of one version over its feedback window. */
  feedbackSummary(version: string): FeedbackSummary {
    return summarizeFeedback(this.feedback.get(version)?.toArray() ?? []);
  }

  /** Versions with feedback, oldest first. */
  feedbackVersions(): string[] {
    return [...this.feedback.keys()];
  }

  private feedbackWindow(version: string): RingBuffer<FeedbackOutcome> {
    let window = this.feedback.get(version);
    if (!window) {
      window = new RingBuffer(this.feedbackWindowSize);
      this.feedback.set(version, window);
      if (this.feedback.size > this.maxVersions)
        this.feedback.delete(this.feedback.keys().next().value as string);
    }
    return window;
  }
}
