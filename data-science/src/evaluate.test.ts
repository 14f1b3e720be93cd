import { flattenMetrics, scoreProbabilities, type EvaluationReport } from './evaluate';

// One-hot-ish rows: the predicted class gets 0.7, the rest share 0.3.
function probsFor(predicted: number[], numClasses: number): Float32Array {
  const out = new Float32Array(predicted.length * numClasses).fill(0.3 / (numClasses - 1));
  predicted.forEach((p, i) => (out[i * numClasses + p] = 0.7));
  return out;
}

describe('scoreProbabilities', () => {
  it.each([
    { truth: [0, 1, 2], predicted: [0, 1, 2], accuracy: 1, mae: 0 },
    { truth: [0, 1, 2, 2], predicted: [0, 2, 2, 0], accuracy: 0.5, mae: 0.75 },
    { truth: [2, 2], predicted: [0, 1], accuracy: 0, mae: 1.5 },
  ])('when truth is $truth and predictions $predicted, then accuracy $accuracy and MAE $mae', (c) => {
    const m = scoreProbabilities(probsFor(c.predicted, 3), c.truth, 3);
    expect(m.n).toBe(c.truth.length);
    expect(m.accuracy).toBeCloseTo(c.accuracy, 10);
    expect(m.mae).toBeCloseTo(c.mae, 10);
    expect(m.loss).toBeGreaterThan(0);
  });

  it('when predictions are mixed, then the confusion matrix and per-class precision/recall follow', () => {
    const m = scoreProbabilities(probsFor([0, 2, 2, 0, 1], 3), [0, 1, 2, 2, 1], 3);
    expect(m.confusion_matrix).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [1, 0, 1],
    ]);
    expect(m.per_class).toEqual([
      { label: '0', support: 1, precision: 0.5, recall: 1, accuracy: 1 },
      { label: '1', support: 2, precision: 1, recall: 0.5, accuracy: 0.5 },
      { label: '2+', support: 2, precision: 0.5, recall: 0.5, accuracy: 0.5 },
    ]);
  });

  it('when a class never occurs, then its scores are 0 rather than NaN', () => {
    const m = scoreProbabilities(probsFor([0], 3), [0], 3);
    expect(m.per_class[1]).toEqual({ label: '1', support: 0, precision: 0, recall: 0, accuracy: 0 });
  });
});

describe('flattenMetrics', () => {
  it('when a report has sources, then keys are flat, prefixed and MLflow-safe', () => {
    const m = scoreProbabilities(probsFor([0, 2], 3), [0, 2], 3);
    const report: EvaluationReport = { ...m, labels: ['0', '1', '2+'], by_source: { nci: m } };
    const flat = flattenMetrics(report, 'test_');
    expect(flat).toMatchObject({
      test_accuracy: 1,
      test_mae: 0,
      test_class_0_accuracy: 1,
      test_class_2plus_accuracy: 1,
      test_nci_accuracy: 1,
      test_nci_class_2plus_accuracy: 1,
    });
    expect(Object.keys(flat).every((k) => /^[A-Za-z0-9_]+$/.test(k))).toBe(true);
    expect(flat).not.toHaveProperty('test_class_1_accuracy');
  });
});
