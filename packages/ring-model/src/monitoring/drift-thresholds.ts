import { PSI_ALERT, PSI_WARN } from './psi';

/** ok / warn / alert, or insufficient_data while the window is too small to judge. */
export const DRIFT_LEVELS = ['ok', 'warn', 'alert', 'insufficient_data'] as const;
export type DriftLevel = (typeof DRIFT_LEVELS)[number];

/** When a shift counts as a warning or an alert, and which test decides. */
export interface DriftThresholds {
  psiWarn: number;
  psiAlert: number;
  /** KS p-values below these warn / alert (strict: several statistics are tested at once). */
  ksWarnP: number;
  ksAlertP: number;
  /** Windows smaller than this are not judged. */
  minWindow: number;
  /** Without baseline samples (no KS), PSI alone judges windows from this size on (it is noisy below). */
  psiMinWindow: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  psiWarn: PSI_WARN,
  psiAlert: PSI_ALERT,
  ksWarnP: 0.01,
  ksAlertP: 0.001,
  minWindow: 30,
  psiMinWindow: 200,
};
