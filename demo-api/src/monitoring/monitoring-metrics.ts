import { Counter, Gauge, type Registry } from 'prom-client';
import type { StatisticDrift } from '@rings/ring-model/core';
import type { MonitoringService } from './monitoring-service';
import type { MonitoringReport } from './report/report-schema';

const LEVELS: Record<StatisticDrift['level'], number> = { insufficient_data: -1, ok: 0, warn: 1, alert: 2 };

/**
 * Monitoring gauges on the app's registry, filled from one report per scrape
 * (computed in the first gauge's collect, reused by the others).
 */
export function registerMonitoringMetrics(registry: Registry, service: MonitoringService): void {
  const registers = [registry];
  let cached: { at: number; report: Promise<MonitoringReport> } | undefined;
  const report = (): Promise<MonitoringReport> => {
    if (!cached || Date.now() - cached.at > 500) cached = { at: Date.now(), report: service.report() };
    return cached.report;
  };
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (g: Gauge<L>, r: MonitoringReport) => void,
  ): Gauge<L> =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const current = await report();
        this.reset();
        fill(this, current);
      },
    });

  gauge('monitoring_window_predictions', 'Predictions of the serving version in the window', [], (g, r) =>
    g.set(r.window.size),
  );
  gauge('monitoring_confidence_mean', 'Mean top-class probability over the window', [], (g, r) =>
    setIfKnown(g, {}, r.certainty.mean_confidence),
  );
  gauge(
    'monitoring_low_confidence_ratio',
    'Share of window predictions below the low-confidence threshold',
    [],
    (g, r) => setIfKnown(g, {}, r.certainty.low_confidence_share),
  );
  gauge('monitoring_drift_psi', 'PSI of each statistic against the baseline', ['statistic'], (g, r) =>
    eachDrift(r, (statistic, d) => setIfKnown(g, { statistic }, d.psi)),
  );
  gauge(
    'monitoring_drift_ks_p_value',
    'KS p-value of each statistic against the baseline',
    ['statistic'],
    (g, r) => eachDrift(r, (statistic, d) => setIfKnown(g, { statistic }, d.ks_p_value)),
  );
  gauge(
    'monitoring_drift_level',
    'Drift level per statistic: -1 too little data, 0 ok, 1 warn, 2 alert',
    ['statistic'],
    (g, r) => eachDrift(r, (statistic, d) => g.set({ statistic }, LEVELS[d.level])),
  );
  gauge('monitoring_live_accuracy_ratio', 'Accuracy over the feedback window', ['model_version'], (g, r) =>
    Object.entries(r.feedback.by_version).forEach(([v, f]) =>
      setIfKnown(g, { model_version: v }, f.accuracy),
    ),
  );
  gauge(
    'monitoring_live_mae',
    'Mean absolute error (classes) over the feedback window',
    ['model_version'],
    (g, r) =>
      Object.entries(r.feedback.by_version).forEach(([v, f]) => setIfKnown(g, { model_version: v }, f.mae)),
  );
  gauge('monitoring_feedback_window', 'Feedbacks in the window', ['model_version'], (g, r) =>
    Object.entries(r.feedback.by_version).forEach(([v, f]) => g.set({ model_version: v }, f.count)),
  );
  gauge('monitoring_retraining_recommended', '1 when /monitoring/ recommends retraining', [], (g, r) =>
    g.set(r.recommendation.retraining_recommended ? 1 : 0),
  );
  const logCounter = (name: string, help: string, read: () => number): Counter =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  logCounter(
    'monitoring_prediction_log_written_total',
    'Records written to the prediction log',
    () => service.store.stats().written,
  );
  logCounter(
    'monitoring_prediction_log_dropped_total',
    'Records dropped (slow disk or write error) instead of delaying requests',
    () => service.store.stats().dropped,
  );
}

function eachDrift(
  report: MonitoringReport,
  visit: (statistic: string, drift: StatisticDrift) => void,
): void {
  const { predicted_class, confidence, inputs } = report.drift;
  if (predicted_class) visit('predicted_class', predicted_class);
  if (confidence) visit('confidence', confidence);
  for (const [name, drift] of Object.entries(inputs)) visit(name, drift);
}

function setIfKnown<L extends string>(
  g: Gauge<L>,
  labels: Partial<Record<L, string>>,
  value: number | null,
): void {
  if (value !== null) g.set(labels, value);
}
