// Evaluation: exact-match accuracy, MAE over ring-count classes, per-class
// precision/recall/accuracy and the confusion matrix; overall, per source and per
// group of compounds.
import { classLabels, tf } from '@rings/ring-model';
import { UNLISTED_GROUP, type CompoundGroups } from './compound-groups';
import type { SplitData } from './data';
import type { CompoundRecord } from './dataset';

/** Scores of one class. `accuracy` is the share of its images predicted exactly (= recall). */
export interface ClassMetrics {
  label: string;
  support: number;
  precision: number;
  recall: number;
  accuracy: number;
}

/** Metrics of one set of predictions. MAE is in classes (the last class counts as K-1). */
export interface ClassificationMetrics {
  n: number;
  loss: number;
  accuracy: number;
  mae: number;
  per_class: ClassMetrics[];
  /** confusion_matrix[true class][predicted class] = count. */
  confusion_matrix: number[][];
}

/** The evaluation JSON: overall metrics plus the same per data source. */
export interface EvaluationReport extends ClassificationMetrics {
  labels: string[];
  by_source: Record<string, ClassificationMetrics>;
  /** The same per group of compounds, when groups were given (e.g. by ring kind). */
  by_group?: { column: string; groups: Record<string, ClassificationMetrics> };
}

/**
 * Softmax outputs for a whole split, predicted in batches.
 * @param xs [n, size, size, 1] @returns [n * K] probabilities, row-major
 */
export async function predictProbabilities(
  model: tf.LayersModel,
  xs: tf.Tensor4D,
  batchSize = 256,
): Promise<Float32Array> {
  const probs = model.predict(xs, { batchSize }) as tf.Tensor2D;
  try {
    return await probs.data<'float32'>();
  } finally {
    probs.dispose();
  }
}

/** Score probabilities against true classes (cross-entropy loss, accuracy, MAE, per class). */
export function scoreProbabilities(
  probs: Float32Array,
  classes: ArrayLike<number>,
  numClasses: number,
): ClassificationMetrics {
  const n = classes.length;
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let loss = 0;
  let correct = 0;
  let absError = 0;
  for (let i = 0; i < n; i++) {
    const row = probs.subarray(i * numClasses, (i + 1) * numClasses);
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (row[k] > row[best]) best = k;
    const truth = classes[i];
    loss -= Math.log(Math.max(row[truth], 1e-7));
    correct += best === truth ? 1 : 0;
    absError += Math.abs(best - truth);
    confusion[truth][best]++;
  }
  return {
    n,
    loss: n ? loss / n : NaN,
    accuracy: n ? correct / n : NaN,
    mae: n ? absError / n : NaN,
    per_class: perClass(confusion),
    confusion_matrix: confusion,
  };
}

function perClass(confusion: number[][]): ClassMetrics[] {
  const labels = classLabels(confusion.length);
  return confusion.map((row, k) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((sum, r) => sum + r[k], 0);
    const recall = support ? row[k] / support : 0;
    return {
      label: labels[k],
      support,
      precision: predicted ? row[k] / predicted : 0,
      recall,
      accuracy: recall,
    };
  });
}

/** Evaluate a model on a split, overall, per data source and per group when given. */
export async function evaluateModel(
  model: tf.LayersModel,
  split: SplitData,
  numClasses: number,
  options: { batchSize?: number; groups?: CompoundGroups } = {},
): Promise<EvaluationReport> {
  const probs = await predictProbabilities(model, split.xs, options.batchSize);
  const scoreBy = (keyOf: (record: CompoundRecord) => string) =>
    scoreSubsets(probs, split, numClasses, keyOf);
  const { groups } = options;
  return {
    ...scoreProbabilities(probs, split.classes, numClasses),
    labels: classLabels(numClasses),
    by_source: scoreBy((r) => r.source),
    ...(groups && {
      by_group: {
        column: groups.column,
        groups: scoreBy((r) => groups.groupOf.get(r.compoundId) ?? UNLISTED_GROUP),
      },
    }),
  };
}

/** Metrics per key of the split's records, keys in order of first appearance. */
function scoreSubsets(
  probs: Float32Array,
  split: SplitData,
  numClasses: number,
  keyOf: (record: CompoundRecord) => string,
): Record<string, ClassificationMetrics> {
  const rowsByKey = new Map<string, number[]>();
  split.records.forEach((record, row) => {
    const key = keyOf(record);
    const rows = rowsByKey.get(key) ?? [];
    rows.push(row);
    rowsByKey.set(key, rows);
  });
  const scores: Record<string, ClassificationMetrics> = {};
  for (const [key, rows] of rowsByKey) {
    const subset = new Float32Array(rows.length * numClasses);
    rows.forEach((row, j) =>
      subset.set(probs.subarray(row * numClasses, (row + 1) * numClasses), j * numClasses),
    );
    scores[key] = scoreProbabilities(
      subset,
      rows.map((row) => split.classes[row]),
      numClasses,
    );
  }
  return scores;
}

/**
 * Flat metrics for MLflow and metadata.json: accuracy, mae, loss,
 * class_3_accuracy, class_6plus_accuracy, <source>_accuracy, ... each with an
 * optional prefix (e.g. "test_").
 */
export function flattenMetrics(report: EvaluationReport, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (p: string, m: ClassificationMetrics): void => {
    out[`${p}accuracy`] = m.accuracy;
    out[`${p}mae`] = m.mae;
    out[`${p}loss`] = m.loss;
    for (const c of m.per_class) {
      if (c.support > 0) out[`${p}class_${c.label.replace('+', 'plus')}_accuracy`] = c.accuracy;
    }
  };
  add(prefix, report);
  for (const [source, m] of Object.entries(report.by_source)) add(`${prefix}${source}_`, m);
  return out;
}
