import { makeFigure, makeRatio } from '../figures';
import type { Results } from '../results';

/** A small valid results file: one benchmark that ran, one that could not. */
export function sampleResults(): Results {
  const ours = makeFigure(
    { id: 'ingest.ours', label: 'ours: ingest', side: 'ours', unit: 'records/s', better: 'higher' },
    [24000, 25000, 26000],
  );
  const peer = makeFigure(
    { id: 'ingest.peer', label: 'peer: Python uploader', side: 'peer', unit: 'records/s', better: 'higher' },
    [9000, 10000, 11000],
  );
  const rss = makeFigure(
    { id: 'ingest.rss', label: 'ours: peak RSS', side: 'ours', unit: 'MiB', better: 'lower' },
    [350],
    { op: '<=', target: 300 },
  );
  return {
    schema_version: 1,
    started_at: '2025-01-31T12:00:00.000Z',
    finished_at: '2025-01-31T12:05:00.000Z',
    mode: 'quick',
    command: 'npm run bench -- --quick',
    machine: {
      cpu_model: 'Test CPU',
      cores: 2,
      memory_gib: 24,
      os: 'Linux 6 x64',
      node: 'v20.0.0',
      tfjs_node: '4.22.0',
      libtensorflow: '2.21.0',
      tf_backend: 'tensorflow',
      peers: { python: '3.11.7', 'tensorflow-cpu': '2.21.0' },
    },
    benchmarks: [
      {
        name: 'ingest',
        status: 'ok',
        error: null,
        seconds: 12,
        figures: [ours, peer, rss],
        ratios: [makeRatio('ingest.ours_vs_peer', 'ours / peer', ours, peer, { op: '>=', target: 2 })],
        notes: ['a note | with a pipe'],
      },
      {
        name: 'train',
        status: 'failed',
        error: 'not built yet: @rings/data-science does not export buildModel',
        seconds: 0.1,
        figures: [],
        ratios: [],
        notes: [],
      },
    ],
  };
}
