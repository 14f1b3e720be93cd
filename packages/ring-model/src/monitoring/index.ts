// Monitoring statistics shared by training (the baseline in metadata.json) and
// serving (demo-api compares its live windows with that baseline). Pure
// functions: the stateful monitoring (windows, log, report) lives in demo-api.
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
  DRIFT_LEVELS,
  type DriftLevel,
  type DriftThresholds,
} from './drift-thresholds';
export { statisticDriftSchema, type StatisticDrift } from './statistic-drift';
export { compareWithBaseline, compareClasses, type Reference } from './drift';
