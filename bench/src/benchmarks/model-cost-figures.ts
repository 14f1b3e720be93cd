import type { Outcome } from '../benchmark';
import { makeFigure, makeRatio } from '../figures';
import type { Figure } from '../results';
import type { Goal } from '../stats';
import { describeShape, type ModelShape } from './model-shape';

/** One model's measured cost: what it is, what predicted, and a sample per repetition. */
export interface CostSamples {
  /** short id-safe name: 'default', 'v5' */
  name: string;
  shape: ModelShape;
  params: number;
  /** the verified plan (as the API does by default) or the layers model, and why */
  inference: { mode: 'plan' | 'layers'; why: string };
  /** images/s at the throughput batch size */
  throughput: number[];
  /** ms per call at batch 1 */
  latencyMs: number[];
}

/** Issue 18: the new default costs at most half of v5 per image, in throughput and in latency. */
export const COST_GOALS = {
  throughput: { op: '>=', target: 2 },
  latency: { op: '<=', target: 0.5 },
} as const satisfies Record<string, Goal>;

function named(s: CostSamples): string {
  return `${s.name} (${describeShape(s.shape)})`;
}

function costFigures(s: CostSamples, batchSize: number): [Figure, Figure] {
  const what = `limit: ${named(s)} untrained, ${s.inference.mode} predict in-process`;
  const base = { side: 'limit' as const };
  return [
    makeFigure(
      {
        ...base,
        id: `serve.cost.${s.name}.batch${batchSize}`,
        label: `${what}, batches of ${batchSize}`,
        unit: 'images/s',
        better: 'higher',
      },
      s.throughput,
    ),
    makeFigure(
      {
        ...base,
        id: `serve.cost.${s.name}.batch1`,
        label: `${what}, latency at batch 1`,
        unit: 'ms',
        better: 'lower',
      },
      s.latencyMs,
    ),
  ];
}

/**
 * The model-cost figures of the current default and a previous model, and the
 * two ratios the issue sets goals on: throughput at batchSize (current /
 * previous, higher is better) and latency at batch 1 (lower is better).
 */
export function summarizeModelCost(
  current: CostSamples,
  previous: CostSamples,
  options: { batchSize: number; images: number },
): Outcome {
  const [curBatch, curSingle] = costFigures(current, options.batchSize);
  const [prevBatch, prevSingle] = costFigures(previous, options.batchSize);
  const pair = `${current.name}_vs_${previous.name}`;
  const ratios = [
    makeRatio(
      `serve.cost.batch${options.batchSize}.${pair}`,
      `predict images/s at batch ${options.batchSize}: ${named(current)} / ${named(previous)}`,
      curBatch,
      prevBatch,
      COST_GOALS.throughput,
    ),
    makeRatio(
      `serve.cost.batch1_latency.${pair}`,
      `latency at batch 1: ${named(current)} / ${named(previous)} (lower is better)`,
      curSingle,
      prevSingle,
      COST_GOALS.latency,
    ),
  ];
  const predicts = (s: CostSamples): string =>
    `${s.name} ${s.params.toLocaleString('en-US')} parameters, ${s.inference.mode} (${s.inference.why})`;
  return {
    figures: [curBatch, prevBatch, curSingle, prevSingle],
    ratios,
    notes: [
      `model cost: ${named(current)} against ${named(previous)}, both untrained and built in-process (cost does not depend on the weights); each predicts the bench image preprocessed at its own size, through what the API uses by default: ${predicts(current)}; ${predicts(previous)}; ${options.images} images per figure and repetition, batch 1 latency is the mean time per call; the models take turns every repetition, order rotating`,
    ],
  };
}
