// Chunking of runs/log-batch to the server's limits, and metric encoding.
import { chunkLogBatch, logBatchLimits, toWireMetrics } from './log-batch';
import type { MetricInput } from './types';

const metrics = (n: number): MetricInput[] =>
  Array.from({ length: n }, (_, i) => ({ key: 'loss', value: i, step: i }));
const record = (n: number, value = 'v') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));
const sizes = (batch: Parameters<typeof chunkLogBatch>[0]) =>
  chunkLogBatch(batch, 1).map((c) => [c.metrics.length, c.params.length, c.tags.length]);

describe('chunkLogBatch', () => {
  it.each([
    ['nothing', {}, []],
    ['one metric', { metrics: metrics(1) }, [[1, 0, 0]]],
    ['exactly 1000 metrics', { metrics: metrics(1000) }, [[1000, 0, 0]]],
    [
      '2500 metrics',
      { metrics: metrics(2500) },
      [
        [1000, 0, 0],
        [1000, 0, 0],
        [500, 0, 0],
      ],
    ],
    [
      '250 params',
      { params: record(250) },
      [
        [0, 100, 0],
        [0, 100, 0],
        [0, 50, 0],
      ],
    ],
    [
      '101 tags',
      { tags: record(101) },
      [
        [0, 0, 100],
        [0, 0, 1],
      ],
    ],
    [
      '100 params, 100 tags, 900 metrics (1100 items)',
      { params: record(100), tags: record(100), metrics: metrics(900) },
      [
        [800, 100, 100],
        [100, 0, 0],
      ],
    ],
  ])(
    'when the batch holds %s, then the requests hold [metrics, params, tags] %j',
    (_name, batch, expected) => {
      expect(sizes(batch)).toEqual(expected);
    },
  );

  it('when values are long, then no request body comes near the 1 MB server limit', () => {
    const chunks = chunkLogBatch(
      { params: record(100, 'p'.repeat(6000)), tags: record(100, 't'.repeat(8000)) },
      1,
    );
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThan(logBatchLimits.bytes + 20_000);
    expect(chunks.flatMap((c) => [...c.params, ...c.tags])).toHaveLength(200);
  });

  it('when metrics are split, then their order is kept across requests', () => {
    const steps = chunkLogBatch({ metrics: metrics(2001) }, 1).flatMap((c) => c.metrics.map((m) => m.step));
    expect(steps).toEqual(Array.from({ length: 2001 }, (_, i) => i));
  });

  it('when param and tag values are numbers or booleans, then they are sent as strings', () => {
    const [chunk] = chunkLogBatch({ params: { lr: 0.001, epochs: 10 }, tags: { smoke: true } }, 1);
    expect(chunk.params).toEqual([
      { key: 'lr', value: '0.001' },
      { key: 'epochs', value: '10' },
    ]);
    expect(chunk.tags).toEqual([{ key: 'smoke', value: 'true' }]);
  });
});

describe('toWireMetrics', () => {
  it('when timestamp and step are left out, then they default to now and 0', () => {
    expect(toWireMetrics([{ key: 'a', value: 1 }], 1234)).toEqual([
      { key: 'a', value: 1, timestamp: 1234, step: 0 },
    ]);
  });

  it('when values are not finite, then they are encoded as MLflow JSON strings', () => {
    const values = toWireMetrics(
      [NaN, Infinity, -Infinity, -0.5].map((value) => ({ key: 'a', value, timestamp: 1 })),
    );
    expect(values.map((m) => m.value)).toEqual(['NaN', 'Infinity', '-Infinity', -0.5]);
    expect(JSON.parse(JSON.stringify(values)).map((m: { value: unknown }) => m.value)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      -0.5,
    ]);
  });
});
