// The charts Node asks for by name: the exports of specs/*.mjs that training and
// the monitoring chart CLI draw, with the arguments each takes.

/** One epoch of training history (extra fields are ignored). */
export interface EpochPoint {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number;
  val_accuracy: number;
  val_mae: number;
}

/** A statistic of a monitoring report's drift: the baseline histogram against the live window. */
export interface DistributionDrift {
  level: string;
  psi: number | null;
  ks_p_value: number | null;
  edges: number[];
  baseline_counts: number[];
  live_counts: number[];
}

/** The parts of a GET /monitoring/ report the report figure draws. */
export interface ReportForChart {
  model_version: string | null;
  window: { size: number };
  recommendation: { retraining_recommended: boolean };
  drift: {
    predicted_class?: DistributionDrift | null;
    confidence?: DistributionDrift | null;
    inputs: Record<string, DistributionDrift>;
  };
}

/** Each chart's spec function and its arguments (JSON: sent to the renderer process). */
export interface ChartArgs {
  learningCurvesSpec: [history: readonly EpochPoint[], title: string];
  confusionMatrixSpec: [matrix: readonly (readonly number[])[], labels: readonly string[], title: string];
  reportDistributionsSpec: [report: ReportForChart];
  probabilitiesSpec: [rows: readonly { label: string; probability: number; predicted: boolean }[]];
}

/** A chart to render: the spec function's name and its arguments. */
export type ChartRequest = { [K in keyof ChartArgs]: { chart: K; args: ChartArgs[K] } }[keyof ChartArgs];
