import type { MonitoringBaseline } from '../metadata';
import type { PreprocessedImage } from '../preprocess';
import { orderStatistics, quantileHistogram } from './histogram';
import { INPUT_STAT_NAMES, computeInputStats, type InputStats } from './input-stats';

/** Options of buildMonitoringBaseline. */
export interface BaselineOptions {
  /** K, the number of classes; default: the length of the first prediction's probabilities. */
  numClasses?: number;
  /** Bins per histogram (equally populated on the validation split); default 10. */
  bins?: number;
  /** Order statistics kept per statistic for KS tests; default 200. */
  samples?: number;
}

/** What the baseline needs from a prediction (a ring-model Prediction fits). */
export interface BaselinePrediction {
  class: number;
  confidence: number;
  probabilities?: readonly number[];
}

/**
 * The monitoring baseline for metadata.json, from the validation split:
 * predicted-class counts, confidence and input-statistic histograms (bin edges
 * at the validation quantiles, fixed from then on) and order statistics for KS
 * tests. predictions[i] must be the model's answer for images[i].
 *
 * @example
 *   const predictions = await predictImages(model, validationImages);
 *   metadata.monitoring = buildMonitoringBaseline(predictions, validationImages);
 */
export function buildMonitoringBaseline(
  predictions: readonly BaselinePrediction[],
  images: readonly PreprocessedImage[],
  options: BaselineOptions = {},
): MonitoringBaseline {
  if (predictions.length !== images.length) {
    throw new RangeError(`${predictions.length} predictions for ${images.length} images: pass one per image`);
  }
  if (predictions.length === 0) throw new RangeError('the baseline needs at least one validation image');
  const stats = images.map(computeInputStats);
  return baselineFromObservations(predictions, stats, options);
}

/** The same baseline from input statistics already computed (e.g. replayed from a prediction log). */
export function baselineFromObservations(
  predictions: readonly BaselinePrediction[],
  stats: readonly InputStats[],
  options: BaselineOptions = {},
): MonitoringBaseline {
  const numClasses = options.numClasses ?? predictions[0]?.probabilities?.length;
  if (numClasses === undefined)
    throw new RangeError('numClasses is needed when predictions have no probabilities');
  const bins = options.bins ?? 10;
  const keep = options.samples ?? 200;
  const predictedClass = new Array<number>(numClasses).fill(0);
  for (const p of predictions) {
    if (!Number.isInteger(p.class) || p.class < 0 || p.class >= numClasses) {
      throw new RangeError(`predicted class ${p.class} is outside 0..${numClasses - 1}`);
    }
    predictedClass[p.class]++;
  }
  const confidences = predictions.map((p) => p.confidence);
  const inputs: MonitoringBaseline['inputs'] = {};
  const samples: Record<string, number[]> = { confidence: orderStatistics(confidences, keep) };
  for (const name of INPUT_STAT_NAMES) {
    const values = stats.map((s) => s[name]);
    inputs[name] = quantileHistogram(values, bins);
    samples[name] = orderStatistics(values, keep);
  }
  return {
    sample_size: predictions.length,
    predicted_class: predictedClass,
    confidence: quantileHistogram(confidences, bins),
    inputs,
    samples,
  };
}
