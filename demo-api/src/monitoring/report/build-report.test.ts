import { baselineFromObservations } from '@rings/ring-model/core';
import { prediction, statsFor } from '../__tests__/records';
import { LiveMonitor } from '../live/live-monitor';
import { AlertLatch } from './alerts';
import { buildMonitoringReport } from './build-report';
import { monitoringReportSchema } from './report-schema';

const baselinePredictions = Array.from({ length: 400 }, (_, i) => prediction(i + 1000));
const baseline = baselineFromObservations(
  baselinePredictions,
  baselinePredictions.map((p) => p.stats),
  { numClasses: 7 },
);

function monitorWith(count: number, scale = 1): LiveMonitor {
  const monitor = new LiveMonitor();
  for (let i = 0; i < count; i++) monitor.recordPrediction(prediction(i, { stats: statsFor(i, scale) }));
  return monitor;
}

describe('buildMonitoringReport', () => {
  it('when live inputs look like the baseline, then nothing is recommended', () => {
    const report = buildMonitoringReport(monitorWith(80), {
      modelVersion: 'v1',
      baseline,
      expectedAccuracy: 0.9,
    });
    expect(report.window).toMatchObject({ size: 80, capacity: 1000 });
    expect(report.drift.inputs.stroke_width.method).toBe('psi+ks');
    expect(report.recommendation).toEqual({ retraining_recommended: false, reasons: [], warnings: [] });
  });

  it('when live drawings are larger and bolder, then input drift is a reason to retrain', () => {
    const report = buildMonitoringReport(monitorWith(80, 1.6), { modelVersion: 'v1', baseline });
    const codes = report.recommendation.reasons.map((r) => r.code);
    expect(report.recommendation.retraining_recommended).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['input_drift.stroke_width', 'input_drift.bbox_area']));
    expect(report.recommendation.reasons[0].message).toMatch(/KS p=.* < 0.001/);
  });

  it('when a report is built, then it is exactly what its schema describes', () => {
    const report = buildMonitoringReport(monitorWith(80, 1.6), { modelVersion: 'v1', baseline });
    expect(monitoringReportSchema.parse(report)).toEqual(report);
  });

  it('when certainty is computed, then mean confidence and the low-confidence share follow the window', () => {
    const monitor = new LiveMonitor();
    [0.3, 0.45, 0.9, 0.95].forEach((c, i) => monitor.recordPrediction(prediction(i, { confidence: c })));
    const { certainty } = buildMonitoringReport(monitor, { modelVersion: 'v1' });
    expect(certainty.mean_confidence).toBeCloseTo(0.65, 12);
    expect(certainty.low_confidence_share).toBe(0.5);
  });

  it('when live accuracy drops below test accuracy minus 0.1 over enough feedback, then it is a reason', () => {
    const monitor = monitorWith(30);
    // 30 feedbacks, 18 right (0.6): below the floor 0.9 - 0.1 = 0.8.
    for (let i = 0; i < 30; i++) {
      const p = monitor.predictions()[i];
      monitor.recordFeedback({ request_id: p.request_id, num_rings: i < 18 ? p.class : p.class + 1 });
    }
    const report = buildMonitoringReport(monitor, { modelVersion: 'v1', expectedAccuracy: 0.9 });
    expect(report.feedback.current).toMatchObject({ count: 30, accuracy: 0.6, accuracy_floor: 0.8 });
    expect(report.feedback.current.mae).toBeCloseTo(0.4, 12);
    expect(report.recommendation.reasons).toEqual([
      { code: 'live_accuracy', message: expect.stringMatching(/0.600 over 30 feedbacks is below 0.800/) },
    ]);
  });

  it('when there is no baseline or no deployed version, then drift is absent and nothing is recommended', () => {
    const noBaseline = buildMonitoringReport(monitorWith(50), { modelVersion: 'v1' });
    expect(noBaseline.drift).toMatchObject({ baseline_available: false, inputs: {} });
    const noModel = buildMonitoringReport(monitorWith(50), { modelVersion: null, baseline });
    expect(noModel.window.size).toBe(0);
    expect(noModel.recommendation.retraining_recommended).toBe(false);
  });
});

describe('AlertLatch', () => {
  it('when a reason appears, persists and clears, then it is raised once and cleared once', () => {
    const latch = new AlertLatch();
    const drift = { code: 'input_drift.bbox_area', message: 'bbox' };
    const accuracy = { code: 'live_accuracy', message: 'acc' };
    expect(latch.update([drift])).toEqual({ raised: [drift], cleared: [] });
    expect(latch.update([drift])).toEqual({ raised: [], cleared: [] });
    expect(latch.update([drift, accuracy])).toEqual({ raised: [accuracy], cleared: [] });
    expect(latch.update([])).toEqual({ raised: [], cleared: ['input_drift.bbox_area', 'live_accuracy'] });
    expect(latch.update([drift])).toEqual({ raised: [drift], cleared: [] });
  });
});
