import type { Figure, RatioResult } from './results';
import { meetsGoal, ratioOf, summarize, type Goal } from './stats';

/** What a figure is, before it is measured. */
export type FigureSpec = Omit<Figure, 'samples' | 'n' | 'median' | 'min' | 'max' | 'spread' | 'goal' | 'met'>;

/** A figure from its repetitions, judged against an absolute goal when one is given. */
export function makeFigure(spec: FigureSpec, samples: readonly number[], goal: Goal | null = null): Figure {
  const summary = summarize(samples);
  return {
    ...spec,
    samples: [...samples],
    ...summary,
    goal,
    met: goal ? meetsGoal(summary.median, goal) : null,
  };
}

/** The ratio numerator / denominator of two figures, judged against a goal when one is given. */
export function makeRatio(
  id: string,
  label: string,
  numerator: Figure,
  denominator: Figure,
  goal: Goal | null = null,
): RatioResult {
  const r = ratioOf(numerator, denominator);
  return {
    id,
    label,
    numerator: numerator.id,
    denominator: denominator.id,
    ...r,
    goal,
    met: goal ? meetsGoal(r.value, goal) : null,
  };
}
