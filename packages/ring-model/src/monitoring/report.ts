import type { MonitoringBaseline } from '../metadata';
import { assessRetraining, type Recommendation } from './alerts';
import {
  DEFAULT_DRIFT_THRESHOLDS,
  compareClasses,
  compareWithBaseline,
  type DriftThresholds,
  type StatisticDrift,
} from './drift';
import { INPUT_STAT_NAMES } from './input-stats';
import type { FeedbackSummary, LiveMonitor } from './live-monitor';

/** Every threshold of the report; all have defaults. */
export interface MonitoringThresholds extends DriftThresholds {
  /** A prediction below this confidence counts as low-confidence. */
  lowConfidence: number;
  /** Retraining is recommended when live accuracy falls this far below the test accuracy. */
  accuracyDrop: number;
  /** The accuracy floor for a model whose metadata has no test accuracy. */
  fallbackMinAccuracy: number;
  /** Live accuracy is judged from this many feedbacks on. */
  minFeedback: number;
}

export const DEFAULT_MONITORING_THRESHOLDS: MonitoringThresholds = {
  ...DEFAULT_DRIFT_THRESHOLDS,
  lowConfidence: 0.5,
  accuracyDrop: 0.1,
  fallbackMinAccuracy: 0.5,
  minFeedback: 20,
};

/** What the report is about: the deployed version and its metadata. */
export interface ReportOptions {
  modelVersion: string | null;
  /** metadata.json's monitoring baseline; without it, no drift is computed. */
  baseline?: MonitoringBaseline;
  /** metadata.json's test accuracy (metrics.accuracy). */
  expectedAccuracy?: number;
  thresholds?: Partial<MonitoringThresholds>;
  now?: Date;
}

/** Live accuracy of the deployed version, with the floor it is judged against. */
export interface CurrentFeedback extends FeedbackSummary {
  expected_accuracy: number | null;
  accuracy_floor: number;
  window_capacity: number;
}

/** The body of GET /monitoring/. */
export interface MonitoringReport {
  model_version: string | null;
  generated_at: string;
  window: { size: number; capacity: number; oldest: string | null; newest: string | null };
  certainty: {
    mean_confidence: number | null;
    low_confidence_share: number | null;
    low_confidence_threshold: number;
    baseline_low_confidence_share: number | null;
  };
  drift: {
    baseline_available: boolean;
    baseline_sample_size: number | null;
    predicted_class: StatisticDrift | null;
    confidence: StatisticDrift | null;
    inputs: Record<string, StatisticDrift>;
  };
  feedback: { current: CurrentFeedback; by_version: Record<string, FeedbackSummary> };
  recommendation: Recommendation;
}

/** Compare the deployed version's window with its baseline and feedback with its test accuracy. */
export function buildMonitoringReport(monitor: LiveMonitor, options: ReportOptions): MonitoringReport {
  const thresholds = { ...DEFAULT_MONITORING_THRESHOLDS, ...options.thresholds };
  const window = options.modelVersion === null ? [] : monitor.predictions(options.modelVersion);
  const confidences = window.map((p) => p.confidence);
  const drift = compareDrift(window, options.baseline, thresholds);
  const expected = options.expectedAccuracy ?? null;
  const current: CurrentFeedback = {
    ...(options.modelVersion === null
      ? { count: 0, accuracy: null, mae: null }
      : monitor.feedbackSummary(options.modelVersion)),
    expected_accuracy: expected,
    accuracy_floor: expected === null ? thresholds.fallbackMinAccuracy : expected - thresholds.accuracyDrop,
    window_capacity: monitor.feedbackWindowSize,
  };
  const byVersion = Object.fromEntries(
    monitor.feedbackVersions().map((v) => [v, monitor.feedbackSummary(v)]),
  );
  const baselineConfidences = options.baseline?.samples?.confidence;
  return {
    model_version: options.modelVersion,
    generated_at: (options.now ?? new Date()).toISOString(),
    window: {
      size: window.length,
      capacity: monitor.windowSize,
      oldest: window[0]?.time ?? null,
      newest: window[window.length - 1]?.time ?? null,
    },
    certainty: {
      mean_confidence: confidences.length
        ? confidences.reduce((a, b) => a + b, 0) / confidences.length
        : null,
      low_confidence_share: shareBelow(confidences, thresholds.lowConfidence),
      low_confidence_threshold: thresholds.lowConfidence,
      baseline_low_confidence_share: baselineConfidences
        ? shareBelow(baselineConfidences, thresholds.lowConfidence)
        : null,
    },
    drift,
    feedback: { current, by_version: byVersion },
    recommendation: assessRetraining(drift, current, thresholds),
  };
}

function compareDrift(
  window: ReturnType<LiveMonitor['predictions']>,
  baseline: MonitoringBaseline | undefined,
  thresholds: MonitoringThresholds,
): MonitoringReport['drift'] {
  if (!baseline) {
    return {
      baseline_available: false,
      baseline_sample_size: null,
      predicted_class: null,
      confidence: null,
      inputs: {},
    };
  }
  const inputs: Record<string, StatisticDrift> = {};
  for (const name of INPUT_STAT_NAMES) {
    const histogram = baseline.inputs[name];
    if (!histogram) continue; // a baseline from an older metadata.json may lack a newer statistic
    const live = window.map((p) => p.stats[name]);
    inputs[name] = compareWithBaseline(live, { histogram, samples: baseline.samples?.[name] }, thresholds);
  }
  return {
    baseline_available: true,
    baseline_sample_size: baseline.sample_size,
    predicted_class: compareClasses(
      window.map((p) => p.class),
      baseline.predicted_class,
      thresholds,
    ),
    confidence: compareWithBaseline(
      window.map((p) => p.confidence),
      { histogram: baseline.confidence, samples: baseline.samples?.confidence },
      thresholds,
    ),
    inputs,
  };
}

function shareBelow(values: readonly number[], threshold: number): number | null {
  return values.length ? values.filter((v) => v < threshold).length / values.length : null;
}
