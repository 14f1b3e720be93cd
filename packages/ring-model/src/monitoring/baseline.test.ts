import { modelMetadataSchema, monitoringBaselineSchema } from '../metadata';
import { buildMonitoringBaseline } from './baseline';
import { INPUT_STAT_NAMES } from './input-stats';

/** A size x size image whose first `ink` pixels (row-major) are ink. */
function image(ink: number, size = 16): { pixels: Float32Array; size: number } {
  const pixels = new Float32Array(size * size);
  pixels.fill(1, 0, ink);
  return { pixels, size };
}

describe('buildMonitoringBaseline', () => {
  const images = Array.from({ length: 50 }, (_, i) => image(10 + i * 3));
  const predictions = images.map((_, i) => ({
    class: i % 3,
    confidence: 0.5 + i / 100,
    probabilities: [0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1],
  }));

  it('when given validation predictions and images, then it returns a schema-valid baseline', () => {
    const baseline = buildMonitoringBaseline(predictions, images);
    expect(monitoringBaselineSchema.parse(baseline)).toEqual(baseline);
    expect(baseline.sample_size).toBe(50);
    expect(baseline.predicted_class).toEqual([17, 17, 16, 0, 0, 0, 0]);
    expect(Object.keys(baseline.inputs).sort()).toEqual([...INPUT_STAT_NAMES].sort());
  });

  it('when histograms are built, then every image is counted once per statistic', () => {
    const baseline = buildMonitoringBaseline(predictions, images, { bins: 5 });
    expect(baseline.confidence.counts).toEqual([10, 10, 10, 10, 10]);
    for (const name of INPUT_STAT_NAMES) {
      expect(baseline.inputs[name].counts.reduce((a, b) => a + b, 0)).toBe(50);
    }
  });

  it('when samples are capped, then the order statistics keep the extremes', () => {
    const baseline = buildMonitoringBaseline(predictions, images, { samples: 5 });
    expect(baseline.samples?.confidence).toEqual([0.5, 0.62, 0.75, 0.87, 0.99]);
  });

  it('when stored in metadata, then the metadata schema accepts it, and older metadata without samples too', () => {
    const baseline = buildMonitoringBaseline(predictions, images);
    const { samples: _samples, ...older } = baseline;
    for (const monitoring of [baseline, older]) {
      const parsed = modelMetadataSchema.shape.monitoring.parse(monitoring);
      expect(parsed?.sample_size).toBe(50);
    }
  });

  it('when predictions and images differ in number or a class is out of range, then it throws', () => {
    expect(() => buildMonitoringBaseline(predictions.slice(1), images)).toThrow(
      /49 predictions for 50 images/,
    );
    expect(() => buildMonitoringBaseline([], [])).toThrow(RangeError);
    const bad = [{ class: 9, confidence: 0.9, probabilities: [0.5, 0.5] }];
    expect(() => buildMonitoringBaseline(bad, [image(3)])).toThrow(/outside 0..1/);
  });
});
