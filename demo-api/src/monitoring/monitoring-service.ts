import {
  AlertLatch,
  LiveMonitor,
  PredictionLog,
  buildMonitoringReport,
  computeInputStats,
  replayPredictionLog,
  type FeedbackOutcome,
  type ModelMetadata,
  type MonitoringReport,
  type MonitoringThresholds,
  type PredictionRecord,
  type ReplayResult,
} from '@rings/ring-model/core';
import type { Logger } from '../logger';
import type { PredictionEvent } from '../prediction-observer';
import { monitoringDir, type MonitoringEnv } from './monitoring-config';
import { MonitoringHistory } from './monitoring-history';

/** The serving version and its metadata (baseline, test accuracy), or null while none is loaded. */
export type CurrentModel = () => { version: string; metadata: ModelMetadata } | null;

export interface MonitoringServiceOptions {
  /** Folder of the prediction log (on the shared volume). */
  logDir: string;
  logger: Logger;
  currentModel: CurrentModel;
  windowSize?: number;
  feedbackWindowSize?: number;
  indexSize?: number;
  maxLogFileBytes?: number;
  maxLogFiles?: number;
  thresholds?: Partial<MonitoringThresholds>;
  /** Re-evaluate the alerts after this many predictions or feedbacks; default 25. */
  evaluateEvery?: number;
  /** Points of the report kept over time; default 720. */
  historyPoints?: number;
  /** At most one history point per this many milliseconds; default 60,000. */
  historyIntervalMs?: number;
}

/** Service options from the parsed environment. */
export function monitoringOptionsFromEnv(
  env: MonitoringEnv,
  deps: Pick<MonitoringServiceOptions, 'logger' | 'currentModel'>,
): MonitoringServiceOptions {
  return {
    ...deps,
    logDir: monitoringDir(env),
    windowSize: env.MONITORING_WINDOW,
    feedbackWindowSize: env.FEEDBACK_WINDOW,
    indexSize: env.FEEDBACK_INDEX,
    maxLogFileBytes: env.PREDICTION_LOG_MAX_BYTES,
    maxLogFiles: env.PREDICTION_LOG_FILES,
    historyPoints: env.MONITORING_HISTORY_POINTS,
    historyIntervalMs: env.MONITORING_HISTORY_INTERVAL_MS,
  };
}

/**
 * The API's monitoring: observes each prediction (input statistics into the
 * rolling window and the prediction log), takes feedback, builds the
 * /monitoring/ report, and logs a warning once each time a reason to retrain
 * appears.
 */
export class MonitoringService {
  readonly monitor: LiveMonitor;
  readonly log: PredictionLog;
  private readonly latch = new AlertLatch();
  private readonly history: MonitoringHistory;
  private sinceEvaluation = 0;

  constructor(private readonly options: MonitoringServiceOptions) {
    this.monitor = new LiveMonitor({
      windowSize: options.windowSize,
      feedbackWindowSize: options.feedbackWindowSize,
      indexSize: options.indexSize,
    });
    this.log = new PredictionLog({
      dir: options.logDir,
      maxFileBytes: options.maxLogFileBytes,
      maxFiles: options.maxLogFiles,
      onError: (err) => options.logger.warn({ err }, 'prediction log write failed; records dropped'),
    });
    this.history = new MonitoringHistory({
      capacity: options.historyPoints ?? 720,
      intervalMs: options.historyIntervalMs ?? 60_000,
    });
  }

  /** Rebuild the windows from the prediction log's tail (call once, before serving). */
  async start(): Promise<ReplayResult> {
    const result = await replayPredictionLog(this.monitor, {
      dir: this.options.logDir,
      maxFiles: this.options.maxLogFiles,
    });
    this.options.logger.info(
      { ...result, dir: this.options.logDir },
      'monitoring windows rebuilt from the log',
    );
    this.evaluate();
    return result;
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
    this.monitor.recordPrediction(record);
    this.log.append(record);
    this.tick();
  };

  /**
   * Record the true ring count of a served prediction, once; throws
   * UnknownRequestIdError, or FeedbackAlreadyRecordedError for a second one.
   * The observer runs just after each response, so a client that answers at once
   * can overtake it: an unknown id gets a short grace period first.
   */
  async feedback(input: { request_id: string; num_rings: number }): Promise<FeedbackOutcome> {
    for (let wait = 0; wait < 5 && !this.monitor.hasPrediction(input.request_id); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const outcome = this.monitor.recordFeedback(input);
    this.log.append({ type: 'feedback', time: new Date().toISOString(), ...input });
    this.tick();
    return outcome;
  }

  /**
   * The report for the serving version with its sampled history; announces
   * newly crossed thresholds in the log.
   */
  report(): MonitoringReport & { history: ReturnType<MonitoringHistory['toJSON']> } {
    const current = this.options.currentModel();
    const report = buildMonitoringReport(this.monitor, {
      modelVersion: current?.version ?? null,
      baseline: current?.metadata.monitoring,
      expectedAccuracy: current?.metadata.metrics.accuracy,
      thresholds: this.options.thresholds,
    });
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
    this.history.record(report);
    return { ...report, history: this.history.toJSON() };
  }

  /** Flush and close the prediction log. */
  async stop(): Promise<void> {
    await this.log.close();
  }

  private evaluate(): void {
    this.sinceEvaluation = 0;
    this.report();
  }

  private tick(): void {
    if (++this.sinceEvaluation >= (this.options.evaluateEvery ?? 25)) this.evaluate();
  }
}
