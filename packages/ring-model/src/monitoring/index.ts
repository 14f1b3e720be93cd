// Drift, certainty and feedback monitoring: statistics shared by training
// (the baseline in metadata.json) and serving (live windows, the report, the log).
export { INPUT_STAT_NAMES, computeInputStats, type InputStatName, type InputStats } from './input-stats';
export { histogramCounts } from './histogram';
export { PSI_WARN, PSI_ALERT, populationStabilityIndex } from './psi';
export { ksTwoSample, type KsResult } from './ks';
export {
  buildMonitoringBaseline,
  baselineFromObservations,
  type BaselineOptions,
  type BaselinePrediction,
} from './baseline';
export {
  DEFAULT_DRIFT_THRESHOLDS,
  type DriftLevel,
  type DriftThresholds,
  type StatisticDrift,
} from './drift';
export {
  predictionRecordSchema,
  feedbackRecordSchema,
  logRecordSchema,
  type PredictionRecord,
  type FeedbackRecord,
  type LogRecord,
} from './records';
export {
  LiveMonitor,
  UnknownRequestIdError,
  FeedbackAlreadyRecordedError,
  type LiveMonitorOptions,
  type FeedbackOutcome,
  type FeedbackSummary,
} from './live-monitor';
export {
  DEFAULT_MONITORING_THRESHOLDS,
  buildMonitoringReport,
  type MonitoringThresholds,
  type ReportOptions,
  type MonitoringReport,
  type CurrentFeedback,
} from './report';
export { AlertLatch, type RetrainingReason, type Recommendation, type LatchChange } from './alerts';
export { PredictionLog, type PredictionLogOptions, type PredictionLogStats } from './prediction-log';
export {
  readLogTail,
  replayPredictionLog,
  type ReadLogTailOptions,
  type LogTail,
  type ReplayResult,
} from './replay';
