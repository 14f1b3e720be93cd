import { decidePromotion } from './decide-promotion';

const score = (version: string, accuracy: number, mae: number) => ({ version, accuracy, mae, n: 100 });
const plain = { force: false, minGain: 0 };

describe('decidePromotion', () => {
  it.each([
    ['higher accuracy', score('v2', 0.61, 0.6), true],
    ['lower accuracy', score('v2', 0.59, 0.3), false],
    ['same accuracy, lower MAE', score('v2', 0.6, 0.4), true],
    ['same accuracy, same MAE', score('v2', 0.6, 0.5), false],
  ])('when the candidate has %s than v1 (0.6, MAE 0.5), then promote = %s', (_case, candidate, promote) => {
    const decision = decidePromotion(candidate, score('v1', 0.6, 0.5), plain);
    expect([decision.promote, decision.better]).toEqual([promote, promote]);
    expect(decision.reason).toMatch(/on the same 100 test images/);
  });

  it('when the gain does not exceed minGain, then it is not better', () => {
    expect(
      decidePromotion(score('v2', 0.605, 0.1), score('v1', 0.6, 0.5), { force: false, minGain: 0.01 })
        .promote,
    ).toBe(false);
  });

  it('when forced, then a worse candidate is promoted and the reason says so', () => {
    const decision = decidePromotion(score('v2', 0.3, 1), score('v1', 0.6, 0.5), { force: true, minGain: 0 });
    expect(decision).toMatchObject({ promote: true, better: false });
    expect(decision.reason).toMatch(/not better.*--force/);
  });

  it('when nothing is deployed, then the candidate is promoted', () => {
    expect(decidePromotion(score('v1', 0.2, 2), null, plain)).toMatchObject({ promote: true, better: true });
  });
});
