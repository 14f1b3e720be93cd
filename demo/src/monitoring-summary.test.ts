import { summarizeMonitoring, type MonitoringSummaryInput } from './monitoring-summary';

const report = (byVersion?: MonitoringSummaryInput['feedback']['by_version']): MonitoringSummaryInput => ({
  model_version: 'v2',
  window: { size: 100, capacity: 1000 },
  certainty: { mean_confidence: 0.9, low_confidence_share: 0.05 },
  drift: { predicted_class: { level: 'stable', psi: 0.01, ks_p_value: null } },
  feedback: { current: { accuracy: 0.8, mae: 0.25, count: 100 }, by_version: byVersion },
  recommendation: { retraining_recommended: false, reasons: [] },
});

describe('summarizeMonitoring', () => {
  it('when two versions have feedback, then each has a line, in version order, after the current one', () => {
    const lines = summarizeMonitoring(
      report({ v2: { accuracy: 0.8, mae: 0.25, count: 100 }, v1: { accuracy: 0.3, mae: 1.1, count: 100 } }),
    );
    const live = lines.findIndex((line) => line.startsWith('live accuracy'));
    expect(lines.slice(live, live + 3)).toEqual([
      'live accuracy 0.800 (MAE 0.250) on 100 feedback answers',
      '  v1: live accuracy 0.300 (MAE 1.100) on 100 feedback answers',
      '  v2: live accuracy 0.800 (MAE 0.250) on 100 feedback answers',
    ]);
    expect(lines.at(-1)).toBe('no retraining needed');
  });

  it('when the report has no per-version feedback, then only the current version is summarised', () => {
    const lines = summarizeMonitoring(report());
    expect(lines.filter((line) => line.includes('live accuracy'))).toHaveLength(1);
    expect(lines).toContain('drift predicted_class  stable             PSI 0.010  KS p n/a');
  });
});
