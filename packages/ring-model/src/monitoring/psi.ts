/** PSI at or above this is a moderate shift (the industry's usual rule of thumb). */
export const PSI_WARN = 0.1;
/** PSI at or above this is a major shift. */
export const PSI_ALERT = 0.25;
/** Share given to an empty bin, so a bin that is empty on one side gives a large but finite term. */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index between a reference (expected) and a live
 * (actual) histogram over the same bins: sum of (a - e) * ln(a / e) over the
 * bins' shares, each share floored at epsilon. Symmetric, 0 for identical
 * shares. Returns 0 when either side is empty.
 */
export function populationStabilityIndex(
  expected: readonly number[],
  actual: readonly number[],
  epsilon = PSI_EPSILON,
): number {
  if (expected.length !== actual.length) {
    throw new RangeError(`bins differ: ${expected.length} expected, ${actual.length} actual`);
  }
  const expectedTotal = expected.reduce((a, b) => a + b, 0);
  const actualTotal = actual.reduce((a, b) => a + b, 0);
  if (expectedTotal === 0 || actualTotal === 0) return 0;
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] / expectedTotal, epsilon);
    const a = Math.max(actual[i] / actualTotal, epsilon);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
