/**
 * The points a promotion passes, in order. onStep runs at each, so tests can kill
 * the process there and check the store stays consistent.
 */
export const PROMOTION_STEPS = [
  'lock-acquired',
  'temp-copied',
  'temp-validated',
  'version-stored',
  'pointer-temp-written',
  'pointer-switched',
  'lock-released',
] as const;
export type PromotionStep = (typeof PROMOTION_STEPS)[number];
