import {
  INPUT_STAT_NAMES,
  compareClasses,
  compareWithBaseline,
  type MonitoringBaseline,
  type StatisticDrift,
} from '@rings/ring-model/core';
import type { PredictionRecord } from '../live/records';
import { assessRetraining } from './alerts';
import type { CurrentFeedback, DriftReport, MonitoringReport } from './report-schema';
import type { ReportWindows } from './report-windows';
import { DEFAULT_MONITORING_THRESHOLDS, type MonitoringThresholds } from './thresholds';

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

/** Compare the deployed version's window with its baseline and feedback with its test accuracy. */
export function buildMonitoringReport(windows: ReportWindows, options: ReportOptions): MonitoringReport {
  const thresholds = { ...DEFAULT_MONITORING_THRESHOLDS, ...options.thresholds };
  const window = options.modelVersion === null ? [] : windows.predictions(options.modelVersion);
  const confidences = window.map((p) => p.confidence);
  const drift = compareDrift(window, options.baseline, thresholds);
  const expected = options.expectedAccuracy ?? null;
  const current: CurrentFeedback = {
    ...(options.modelVersion === null
      ? { count: 0, accuracy: null, mae: null }
      : windows.feedbackSummary(options.modelVersion)),
    expected_accuracy: expected,
    accuracy_floor: expected === null ? thresholds.fallbackMinAccuracy : expected - thresholds.accuracyDrop,
    window_capacity: windows.feedbackWindowSize,
  };
  const byVersion = Object.fromEntries(
    windows.feedbackVersions().map((v) => [v, windows.feedbackSummary(v)]),
  );
  const baselineConfidences = options.baseline?.samples?.confidence;
  return {
    model_version: options.modelVersion,
    generated_at: (options.now ?? new Date()).toISOString(),
    window: {
      size: window.length,
      capacity: windows.windowSize,
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
  window: readonly PredictionRecord[],
  baseline: MonitoringBaseline | undefined,
  thresholds: MonitoringThresholds,
): DriftReport {
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
