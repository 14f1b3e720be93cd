import { summarizeModelCost, type CostSamples } from './model-cost-figures';
import type { ModelShape } from './model-shape';

const V5: ModelShape = { architecture: 'v2', imageSize: 96 };
const NEW: ModelShape = { architecture: 'v3', imageSize: 80 };

const inference = { mode: 'plan' as const, why: 'planned (20 ops)' };

function samples(name: string, throughput: number[], latencyMs: number[]): CostSamples {
  const shape = name === 'v5' ? V5 : NEW;
  return { name, shape, params: 1000, inference, throughput, latencyMs };
}

const options = { batchSize: 32, images: 128 };
const previous = samples('v5', [300, 320, 340], [8, 9, 10]);

describe('summarizeModelCost', () => {
  it('when the default is 2.5x as fast and takes 0.4x the time at batch 1, then both goals are met', () => {
    const outcome = summarizeModelCost(samples('default', [800, 750, 850], [3.6, 3.2, 4]), previous, options);
    expect(outcome.ratios).toEqual([
      expect.objectContaining({
        id: 'serve.cost.batch32.default_vs_v5',
        label: 'predict images/s at batch 32: default (v3, 80 px) / v5 (v2, 96 px)',
        numerator: 'serve.cost.default.batch32',
        denominator: 'serve.cost.v5.batch32',
        value: 2.5,
        goal: { op: '>=', target: 2 },
        met: true,
      }),
      expect.objectContaining({
        id: 'serve.cost.batch1_latency.default_vs_v5',
        label: 'latency at batch 1: default (v3, 80 px) / v5 (v2, 96 px) (lower is better)',
        numerator: 'serve.cost.default.batch1',
        denominator: 'serve.cost.v5.batch1',
        value: 0.4,
        goal: { op: '<=', target: 0.5 },
        met: true,
      }),
    ]);
  });

  it('when the default is only 1.5x as fast and takes 0.6x the time, then both goals are missed', () => {
    const outcome = summarizeModelCost(samples('default', [480], [5.4]), previous, options);
    expect(outcome.ratios.map((r) => [r.value, r.met])).toEqual([
      [1.5, false],
      [expect.closeTo(0.6, 10), false],
    ]);
  });

  it('when measured, then each model has a throughput (higher better) and a latency (lower better) figure', () => {
    const outcome = summarizeModelCost(samples('default', [800], [4]), previous, options);
    expect(outcome.figures.map((f) => [f.id, f.unit, f.better, f.median])).toEqual([
      ['serve.cost.default.batch32', 'images/s', 'higher', 800],
      ['serve.cost.v5.batch32', 'images/s', 'higher', 320],
      ['serve.cost.default.batch1', 'ms', 'lower', 4],
      ['serve.cost.v5.batch1', 'ms', 'lower', 9],
    ]);
    expect(outcome.figures[1].label).toBe(
      'limit: v5 (v2, 96 px) untrained, plan predict in-process, batches of 32',
    );
  });

  it('when summarized, then the note says the models are untrained and how each predicted', () => {
    const layers = {
      ...samples('default', [800], [4]),
      inference: { mode: 'layers' as const, why: 'INFERENCE_MODE=layers' },
    };
    const [note] = summarizeModelCost(layers, previous, options).notes;
    expect(note).toContain('untrained');
    expect(note).toContain('cost does not depend on the weights');
    expect(note).toContain('default 1,000 parameters, layers (INFERENCE_MODE=layers)');
    expect(note).toContain('v5 1,000 parameters, plan (planned (20 ops))');
    expect(note).toContain('128 images per figure and repetition');
  });

  it('when a model has no samples, then it throws instead of reporting a figure', () => {
    expect(() => summarizeModelCost(samples('default', [], []), previous, options)).toThrow(RangeError);
  });
});
