import { prediction } from '../__tests__/records';
import { FeedbackAlreadyRecordedError, LiveMonitor, UnknownRequestIdError } from './live-monitor';

describe('LiveMonitor', () => {
  it('when more predictions arrive than the window holds, then only the newest are kept', () => {
    const monitor = new LiveMonitor({ windowSize: 5 });
    for (let i = 0; i < 12; i++) monitor.recordPrediction(prediction(i));
    expect(monitor.predictions().map((p) => p.request_id)).toEqual([
      'req-7',
      'req-8',
      'req-9',
      'req-10',
      'req-11',
    ]);
  });

  it('when asked for one version, then only its predictions are returned', () => {
    const monitor = new LiveMonitor();
    monitor.recordPrediction(prediction(1, { model_version: 'v1' }));
    monitor.recordPrediction(prediction(2, { model_version: 'v2' }));
    expect(monitor.predictions('v2').map((p) => p.request_id)).toEqual(['req-2']);
  });

  it('when feedback arrives, then accuracy and MAE follow the arithmetic on classes', () => {
    const monitor = new LiveMonitor();
    // predicted classes 2, 3, 6, 1; true ring counts 2, 5, 9 (class 6, "6+"), 0.
    [2, 3, 6, 1].forEach((cls, i) => monitor.recordPrediction(prediction(i, { class: cls })));
    const outcomes = [2, 5, 9, 0].map((rings, i) =>
      monitor.recordFeedback({ request_id: `req-${i}`, num_rings: rings }),
    );
    expect(outcomes.map((o) => [o.true_class, o.correct, o.absolute_error])).toEqual([
      [2, true, 0],
      [5, false, 2],
      [6, true, 0],
      [0, false, 1],
    ]);
    expect(monitor.feedbackSummary('v1')).toEqual({ count: 4, accuracy: 0.5, mae: 0.75 });
  });

  it('when feedback for the same request comes twice, then the second is refused and the first stands', () => {
    const monitor = new LiveMonitor();
    monitor.recordPrediction(prediction(1, { class: 3 }));
    expect(monitor.recordFeedback({ request_id: 'req-1', num_rings: 3 }).correct).toBe(true);
    expect(monitor.hasFeedback('req-1')).toBe(true);
    expect(() => monitor.recordFeedback({ request_id: 'req-1', num_rings: 1 })).toThrow(
      FeedbackAlreadyRecordedError,
    );
    expect(monitor.feedbackSummary('v1')).toEqual({ count: 1, accuracy: 1, mae: 0 });
  });

  it('when feedback accumulates per version, then each version has its own bounded window', () => {
    const monitor = new LiveMonitor({ feedbackWindowSize: 3 });
    for (let i = 0; i < 6; i++) {
      monitor.recordPrediction(prediction(i, { model_version: i < 2 ? 'v1' : 'v2', class: 1 }));
      monitor.recordFeedback({ request_id: `req-${i}`, num_rings: i < 4 ? 1 : 2 });
    }
    expect(monitor.feedbackSummary('v1')).toEqual({ count: 2, accuracy: 1, mae: 0 });
    // v2 saw 1, 1, 2, 2 rings; the window keeps the last three: one right, two wrong.
    expect(monitor.feedbackSummary('v2')).toEqual({ count: 3, accuracy: 1 / 3, mae: 2 / 3 });
    expect(monitor.feedbackVersions()).toEqual(['v1', 'v2']);
  });

  it('when the request id is unknown or fell out of the index, then UnknownRequestIdError says what to send', () => {
    const monitor = new LiveMonitor({ indexSize: 2 });
    for (let i = 0; i < 3; i++) monitor.recordPrediction(prediction(i));
    expect(() => monitor.recordFeedback({ request_id: 'req-0', num_rings: 1 })).toThrow(
      UnknownRequestIdError,
    );
    expect(() => monitor.recordFeedback({ request_id: 'nope', num_rings: 1 })).toThrow(
      /request_id "nope".*POST \/predict\//,
    );
    expect(monitor.recordFeedback({ request_id: 'req-2', num_rings: 1 }).model_version).toBe('v1');
  });

  it('when a version has no feedback, then its summary has nulls', () => {
    expect(new LiveMonitor().feedbackSummary('v9')).toEqual({ count: 0, accuracy: null, mae: null });
  });
});
