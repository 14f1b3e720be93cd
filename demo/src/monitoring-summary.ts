// The few fields of GET /monitoring/ the summary prints. The full report's one
// definition is the API's; this reads it as the client it is.

interface FeedbackSummary {
  accuracy?: number | null;
  mae?: number | null;
  count: number;
}

interface Drift {
  level?: string;
  psi?: number | null;
  ks_p_value?: number | null;
}

/** What the summary reads of the monitoring report. */
export interface MonitoringSummaryInput {
  model_version: string;
  window: { size: number; capacity: number };
  certainty: { mean_confidence?: number | null; low_confidence_share?: number | null };
  drift: { predicted_class?: Drift; confidence?: Drift; inputs?: Record<string, Drift | undefined> };
  feedback: { current: FeedbackSummary; by_version?: Record<string, FeedbackSummary> };
  recommendation: { retraining_recommended: boolean; reasons: (string | { message?: string })[] };
}

const fmt = (value: number | null | undefined, digits = 3): string =>
  typeof value === 'number' ? value.toFixed(digits) : 'n/a';

/** The report in a few lines: window, certainty, drift per statistic, live accuracy, the verdict. */
export function summarizeMonitoring(report: MonitoringSummaryInput): string[] {
  const { window, certainty, drift, feedback, recommendation } = report;
  const lines = [
    `model ${report.model_version}, window ${window.size}/${window.capacity} predictions`,
    `certainty: mean confidence ${fmt(certainty.mean_confidence)}, low-confidence share ${fmt(certainty.low_confidence_share)}`,
  ];
  const stats = { predicted_class: drift.predicted_class, confidence: drift.confidence, ...drift.inputs };
  for (const [name, d] of Object.entries(stats)) {
    if (d)
      lines.push(
        `drift ${name.padEnd(16)} ${String(d.level).padEnd(18)} PSI ${fmt(d.psi)}  KS p ${fmt(d.ks_p_value)}`,
      );
  }
  const live = feedback.current;
  lines.push(`live accuracy ${fmt(live.accuracy)} (MAE ${fmt(live.mae)}) on ${live.count} feedback answers`);
  // Every version with feedback in its window: the one before the switch against the one after.
  for (const [version, f] of Object.entries(feedback.by_version ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(
      `  ${version}: live accuracy ${fmt(f.accuracy)} (MAE ${fmt(f.mae)}) on ${f.count} feedback answers`,
    );
  const verdict = recommendation.retraining_recommended ? 'RETRAINING RECOMMENDED' : 'no retraining needed';
  lines.push(`${verdict}${recommendation.reasons.length > 0 ? ':' : ''}`);
  for (const reason of recommendation.reasons)
    lines.push(`  - ${typeof reason === 'string' ? reason : (reason.message ?? JSON.stringify(reason))}`);
  return lines;
}
