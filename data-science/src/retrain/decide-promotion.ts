import type { VersionScore } from './compare-models';

/** Whether the candidate goes live, and why. */
export interface PromotionDecision {
  promote: boolean;
  /** The candidate beat the deployed version (or nothing is deployed). */
  better: boolean;
  reason: string;
}

/**
 * Better means a higher test accuracy by more than minGain, or the same
 * accuracy with a lower MAE. --force promotes anyway.
 */
export function decidePromotion(
  candidate: VersionScore,
  deployed: VersionScore | null,
  options: { force: boolean; minGain: number },
): PromotionDecision {
  const f = (v: number) => v.toFixed(4);
  let better: boolean;
  let reason: string;
  if (deployed === null) {
    better = true;
    reason = `nothing is deployed; ${candidate.version} scores accuracy ${f(candidate.accuracy)}`;
  } else {
    const gain = candidate.accuracy - deployed.accuracy;
    better = gain > options.minGain || (gain === 0 && options.minGain === 0 && candidate.mae < deployed.mae);
    reason =
      `${candidate.version} accuracy ${f(candidate.accuracy)} MAE ${f(candidate.mae)} vs ` +
      `${deployed.version} accuracy ${f(deployed.accuracy)} MAE ${f(deployed.mae)} on the same ${candidate.n} test images: ` +
      (better ? 'better' : `not better (needs an accuracy gain above ${options.minGain})`);
  }
  if (!better && options.force) reason += '; promoted anyway (--force)';
  return { promote: better || options.force, better, reason };
}
