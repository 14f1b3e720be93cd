import { QUICK } from '../settings';
import { summarizeAdmission, type Tally } from './admission-figures';

const tally = (p99: number[], failed: Record<string, number> = {}): Tally => ({
  p50: p99.map((v) => v / 4),
  p99,
  ok: 100,
  failed,
});

function summarize(tallies: Record<string, Tally>) {
  const answers = { admission: { '429 pixel budget': 170 }, off: { '200': 20 } };
  return summarizeAdmission(QUICK.admission, tallies, answers, { well: 'a.png', abuse: '16 KB' }, 3);
}

describe('summarizeAdmission', () => {
  it('when the abused p99 stays within 3x and nothing failed, then both goals are met', () => {
    const outcome = summarize({
      'admission.alone': tally([40, 50, 60]),
      'admission.abused': tally([80, 100, 300]),
      'off.alone': tally([40, 50, 60]),
      'off.abused': tally([400, 500, 600], { '503': 2 }),
    });
    const ratio = outcome.ratios.find((r) => r.id === 'admission.admission.p99_abused_vs_alone');
    expect(ratio).toMatchObject({ value: 2, met: true });
    expect(outcome.ratios.find((r) => r.id === 'admission.off.p99_abused_vs_alone')).toMatchObject({
      value: 10,
      met: null,
    });
    expect(outcome.figures.find((f) => f.id === 'admission.admission.failed')).toMatchObject({
      median: 0,
      met: true,
    });
    expect(outcome.figures.find((f) => f.id === 'admission.off.failed')?.median).toBe(2);
    expect(outcome.notes).toContain("abusive client's answers, admission on: 429 pixel budget: 170");
  });

  it('when a well-behaved request failed under abuse, then the failed goal is missed and the note names the kind', () => {
    const outcome = summarize({
      'admission.alone': tally([50]),
      'admission.abused': tally([200], { '429': 1 }),
      'off.alone': tally([50]),
      'off.abused': tally([500]),
    });
    expect(outcome.ratios[0]).toMatchObject({ value: 4, met: false });
    expect(outcome.figures.find((f) => f.id === 'admission.admission.failed')).toMatchObject({
      median: 1,
      met: false,
    });
    expect(outcome.notes.join('\n')).toMatch(/admission abused: 429: 1/);
  });
});
