import { MonitoringHistory } from './monitoring-history';
import { historyPointSchema } from './monitoring-schemas';
import type { MonitoringReport } from './report/report-schema';

/** The parts of a report a history point reads; window size n tells points apart. */
function report(n: number): MonitoringReport {
  const drift = (psi: number) => ({ psi });
  return {
    generated_at: new Date(1_000_000 + n).toISOString(),
    model_version: 'v1',
    window: { size: n },
    certainty: { mean_confidence: 0.8, low_confidence_share: 0.1 },
    drift: {
      inputs: { ink_fraction: drift(0.05), bbox_area: drift(0.3) },
      confidence: drift(0.2),
      predicted_class: null,
    },
    feedback: { current: { accuracy: 0.7, count: 12 } },
  } as unknown as MonitoringReport;
}

describe('MonitoringHistory', () => {
  it('when a report is recorded, then a point with each statistic’s PSI, certainty and accuracy', () => {
    const history = new MonitoringHistory({ capacity: 10, intervalMs: 0 });
    history.record(report(40), 0);
    const [point] = history.toJSON().points;
    expect(historyPointSchema.parse(point)).toEqual({
      time: new Date(1_000_040).toISOString(),
      model_version: 'v1',
      window_size: 40,
      psi: { ink_fraction: 0.05, bbox_area: 0.3, confidence: 0.2 },
      mean_confidence: 0.8,
      low_confidence_share: 0.1,
      accuracy: 0.7,
      feedback_count: 12,
    });
  });

  it.each([
    [0, [1, 2, 3, 4, 5]],
    [1000, [1, 3, 5]],
  ])(
    'when reports come every 600 ms and the interval is %i ms, then points at most once per interval',
    (intervalMs, kept) => {
      const history = new MonitoringHistory({ capacity: 10, intervalMs });
      for (let n = 1; n <= 5; n++) history.record(report(n), n * 600);
      expect(history.toJSON().points.map((p) => p.window_size)).toEqual(kept);
    },
  );

  it('when more points than the capacity are recorded, then only the newest are kept, oldest first', () => {
    const history = new MonitoringHistory({ capacity: 3, intervalMs: 0 });
    for (let n = 1; n <= 1000; n++) history.record(report(n), n);
    expect(history.toJSON()).toMatchObject({ capacity: 3, interval_ms: 0 });
    expect(history.toJSON().points.map((p) => p.window_size)).toEqual([998, 999, 1000]);
  });
});
