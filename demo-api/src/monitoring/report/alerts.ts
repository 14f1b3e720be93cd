import type { DriftThresholds, StatisticDrift } from '@rings/ring-model/core';
import type { CurrentFeedback, DriftReport, Recommendation, RetrainingReason } from './report-schema';

/** Turn drift levels and live accuracy into a recommendation with reasons. */
export function assessRetraining(
  drift: DriftReport,
  feedback: CurrentFeedback,
  thresholds: DriftThresholds & { minFeedback: number },
): Recommendation {
  const reasons: RetrainingReason[] = [];
  const warnings: RetrainingReason[] = [];
  const judge = (code: string, label: string, result: StatisticDrift | null): void => {
    if (result?.level === 'alert')
      reasons.push({ code, message: `${label}: ${describeShift(result, thresholds)}` });
    if (result?.level === 'warn')
      warnings.push({ code, message: `${label}: ${describeShift(result, thresholds)}` });
  };
  judge('prediction_drift.predicted_class', 'predicted classes drifted', drift.predicted_class);
  judge('prediction_drift.confidence', 'confidence drifted', drift.confidence);
  for (const [name, result] of Object.entries(drift.inputs))
    judge(`input_drift.${name}`, `input ${name} drifted`, result);
  if (feedback.count >= thresholds.minFeedback && feedback.accuracy !== null) {
    if (feedback.accuracy < feedback.accuracy_floor) {
      reasons.push({
        code: 'live_accuracy',
        message:
          `live accuracy ${fixed(feedback.accuracy)} over ${feedback.count} feedbacks is below ` +
          `${fixed(feedback.accuracy_floor)}` +
          (feedback.expected_accuracy === null
            ? ''
            : ` (test accuracy ${fixed(feedback.expected_accuracy)})`),
      });
    }
  }
  return { retraining_recommended: reasons.length > 0, reasons, warnings };
}

function describeShift(result: StatisticDrift, thresholds: DriftThresholds): string {
  const alert = result.level === 'alert';
  const psi = `PSI ${fixed(result.psi ?? 0)} >= ${alert ? thresholds.psiAlert : thresholds.psiWarn}`;
  const ks =
    result.method === 'psi+ks'
      ? ` and KS p=${(result.ks_p_value ?? 0).toExponential(2)} < ${alert ? thresholds.ksAlertP : thresholds.ksWarnP}`
      : '';
  return `${psi}${ks} (${result.window_size} predictions)`;
}

function fixed(value: number): string {
  return value.toFixed(3);
}

/** What changed since the last evaluation: reasons that just crossed, and codes that cleared. */
export interface LatchChange {
  raised: RetrainingReason[];
  cleared: string[];
}

/**
 * Remembers which reasons are active so that each crossing is announced once:
 * a reason is "raised" when it appears and "cleared" when it goes away.
 */
export class AlertLatch {
  private active = new Set<string>();

  update(reasons: readonly RetrainingReason[]): LatchChange {
    const now = new Set(reasons.map((r) => r.code));
    const raised = reasons.filter((r) => !this.active.has(r.code));
    const cleared = [...this.active].filter((code) => !now.has(code));
    this.active = now;
    return { raised, cleared };
  }
}
