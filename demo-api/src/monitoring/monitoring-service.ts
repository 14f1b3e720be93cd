import { computeInputStats, type ModelMetadata } from '@rings/ring-model/core';
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { PredictionEvent } from '../prediction-observer';
import type { PredictionRecord } from './live/records';
import { MonitoringHistory } from './monitoring-history';
import type { FeedbackOutcome, monitoringResponseSchema } from './monitoring-schemas';
import { buildMonitoringReport } from './report/build-report';
import { AlertLatch } from './report/alerts';
import type { MonitoringReport } from './report/report-schema';
import type { MonitoringThresholds } from './report/thresholds';
import type { FeedbackInput, MonitoringStore } from './store/monitoring-store';

/** The serving version and its metadata (baseline, test accuracy), or null while none is loaded. */
export type CurrentModel = () => { version: string; metadata: ModelMetadata } | null;

export interface MonitoringServiceOptions {
  /** Where predictions and feedback are kept and read back. */
  store: MonitoringStore;
  logger: Logger;
  currentModel: CurrentModel;
  thresholds?: Partial<MonitoringThresholds>;
  /** Re-evaluate the alerts after this many predictions or feedbacks; default 25. */
  evaluateEvery?: number;
  /** Points of the report kept over time; default 720. */
  historyPoints?: number;
  /** At most one history point per this many milliseconds; default 60,000. */
  historyIntervalMs?: number;
}

/** The report with its sampled history: the body of GET /monitoring/. */
export type MonitoringResponse = z.infer<typeof monitoringResponseSchema>;

/**
 * The API's monitoring: observes each prediction (its input statistics go to
 * the store with it), takes feedback, builds the
 * /monitoring/ report, and logs a warning once each time a reason to retrain
 * appears.
 */
export class MonitoringService {
  readonly store: MonitoringStore;
  private readonly latch = new AlertLatch();
  private readonly history: MonitoringHistory;
  private sinceEvaluation = 0;

  constructor(private readonly options: MonitoringServiceOptions) {
    this.store = options.store;
    this.history = new MonitoringHistory({
      capacity: options.historyPoints ?? 720,
      intervalMs: options.historyIntervalMs ?? 60_000,
    });
  }

  /** Open the store (the file store rebuilds its windows from the log); call once, before serving. */
  async start(): Promise<void> {
    const opened = await this.store.open();
    this.options.logger.info(opened, 'monitoring store opened');
    await this.report();
  }

  /** The prediction observer to hand to createApp. */
  readonly observe = (event: PredictionEvent): void => {
    const record: PredictionRecord = {
      type: 'prediction',
      request_id: event.request_id,
      time: event.time,
      model_version: event.model_version,
      class: event.class,
      confidence: event.confidence,
      num_classes: event.probabilities.length,
      stats: computeInputStats(event.image),
    };
    this.store.savePrediction(record);
    this.tick();
  };

  /**
   * Record the true ring count of a served prediction, once; rejects with
   * UnknownRequestIdError, or FeedbackAlreadyRecordedError for a second one.
   * Each store gives an id it does not hold yet a grace period (the observer
   * runs after the response; another replica writes in batches).
   */
  async feedback(input: FeedbackInput): Promise<FeedbackOutcome> {
    const outcome = await this.store.saveFeedback(input);
    this.tick();
    return outcome;
  }

  /**
   * The report for the serving version with its sampled history; announces
   * newly crossed thresholds in the log.
   */
  async report(): Promise<MonitoringResponse> {
    const current = this.options.currentModel();
    const report = buildMonitoringReport(await this.store.windows(), {
      modelVersion: current?.version ?? null,
      baseline: current?.metadata.monitoring,
      expectedAccuracy: current?.metadata.metrics.accuracy,
      thresholds: this.options.thresholds,
    });
    this.announce(report);
    this.history.record(report);
    return { ...report, history: this.history.toJSON() };
  }

  /** Write what is pending and close the store. */
  async stop(): Promise<void> {
    await this.store.close();
  }

  private announce(report: MonitoringReport): void {
    const { raised, cleared } = this.latch.update(report.recommendation.reasons);
    for (const reason of raised) {
      this.options.logger.warn(
        { reason: reason.code, model_version: report.model_version },
        `retraining recommended: ${reason.message}`,
      );
    }
    if (cleared.length > 0) {
      this.options.logger.info(
        { cleared, model_version: report.model_version },
        'monitoring thresholds back to normal',
      );
    }
  }

  private tick(): void {
    if (++this.sinceEvaluation < (this.options.evaluateEvery ?? 25)) return;
    this.sinceEvaluation = 0;
    this.report().catch((err: unknown) => this.options.logger.warn({ err }, 'monitoring evaluation failed'));
  }
}
