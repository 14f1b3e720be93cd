import { LiveMonitor } from '../live/live-monitor';
import type { PredictionRecord } from '../live/records';
import type { FeedbackOutcome } from '../monitoring-schemas';
import type { ReportWindows } from '../report/report-windows';
import type { FeedbackInput, MonitoringStore, MonitoringStoreStats } from './monitoring-store';
import { PredictionLog } from './prediction-log';
import { replayPredictionLog } from './replay';

/** Window sizes and where the log goes. */
export interface FileMonitoringStoreOptions {
  /** Folder of the prediction log (on the shared volume). */
  dir: string;
  windowSize?: number;
  feedbackWindowSize?: number;
  indexSize?: number;
  maxLogFileBytes?: number;
  maxLogFiles?: number;
  /** Called when a log write fails (its records are counted as dropped). */
  onError?: (err: Error) => void;
}

/**
 * One process's store: rolling windows in memory (LiveMonitor) and every
 * record appended to the prediction log, from whose tail the windows are
 * rebuilt on open.
 */
export class FileMonitoringStore implements MonitoringStore {
  private readonly monitor: LiveMonitor;
  private readonly log: PredictionLog;

  constructor(private readonly options: FileMonitoringStoreOptions) {
    this.monitor = new LiveMonitor({
      windowSize: options.windowSize,
      feedbackWindowSize: options.feedbackWindowSize,
      indexSize: options.indexSize,
    });
    this.log = new PredictionLog({
      dir: options.dir,
      maxFileBytes: options.maxLogFileBytes,
      maxFiles: options.maxLogFiles,
      onError: options.onError,
    });
  }

  async open(): Promise<Record<string, number | string>> {
    const replayed = await replayPredictionLog(this.monitor, {
      dir: this.options.dir,
      maxFiles: this.options.maxLogFiles,
    });
    return { ...replayed, dir: this.options.dir };
  }

  savePrediction(record: PredictionRecord): void {
    this.monitor.recordPrediction(record);
    this.log.append(record);
  }

  /**
   * The prediction observer runs just after each response, so a client that
   * answers at once can overtake it: an unknown id gets a short grace period.
   */
  async saveFeedback(feedback: FeedbackInput): Promise<FeedbackOutcome> {
    for (let attempt = 1; !this.monitor.hasPrediction(feedback.request_id) && attempt <= 5; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const outcome = this.monitor.recordFeedback(feedback);
    this.log.append({ type: 'feedback', time: new Date().toISOString(), ...feedback });
    return outcome;
  }

  async windows(): Promise<ReportWindows> {
    return this.monitor;
  }

  stats(): MonitoringStoreStats {
    const { written, dropped } = this.log.stats();
    return { written, dropped };
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
