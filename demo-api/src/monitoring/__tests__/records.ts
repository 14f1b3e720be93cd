import type { InputStats } from '@rings/ring-model/core';
import type { PredictionRecord } from '../live/records';

/** Deterministic values in [0, 1): ((i * 37) % 101) / 101, a stand-in for a statistic's spread. */
export function spread(i: number): number {
  return ((i * 37) % 101) / 101;
}

/** Input statistics around a drawing style: `scale` multiplies every statistic. */
export function statsFor(i: number, scale = 1): InputStats {
  const u = spread(i);
  return {
    ink_fraction: (0.05 + 0.05 * u) * scale,
    mean_intensity: (0.06 + 0.05 * u) * scale,
    bbox_area: (0.3 + 0.4 * u) * scale,
    ink_density: (0.1 + 0.1 * u) * scale,
    stroke_width: (1.5 + u) * scale,
    components: Math.round((1 + 4 * u) * scale),
  };
}

/** A prediction record; fields default to an in-distribution prediction number i. */
export function prediction(i: number, overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    type: 'prediction',
    request_id: `req-${i}`,
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    model_version: 'v1',
    class: i % 4,
    confidence: 0.6 + 0.4 * spread(i + 7),
    num_classes: 7,
    stats: statsFor(i),
    ...overrides,
  };
}
