// Splitting a log batch into requests the server accepts: at most 1000
// metrics, 100 params, 100 tags and 1000 items per request, and a JSON body
// well under the server's 1 MB limit.
import { encodeMetricValue, type WireMetricValue } from './metric-value';
import { toKeyValues } from './wire-tracking';
import type { LogBatchInput } from './types';

export interface WireMetricInput {
  key: string;
  value: WireMetricValue;
  timestamp: number;
  step: number;
}

export interface WireKeyValue {
  key: string;
  value: string;
}

/** The body of one runs/log-batch request (without run_id). */
export interface WireLogBatch {
  metrics: WireMetricInput[];
  params: WireKeyValue[];
  tags: WireKeyValue[];
}

/** Server limits of one runs/log-batch request. */
export const logBatchLimits = {
  metrics: 1000,
  params: 100,
  tags: 100,
  items: 1000,
  /** Body bytes; the server refuses more than 1 MB, this leaves room for JSON overhead. */
  bytes: 900_000,
} as const;

type Kind = keyof WireLogBatch;
type Item = { kind: Kind; entry: WireMetricInput | WireKeyValue };

function newChunk(): WireLogBatch {
  return { metrics: [], params: [], tags: [] };
}

/** Metrics stamped with `now` (and step 0) where the caller left them out, NaN/±Infinity encoded. */
export function toWireMetrics(metrics: LogBatchInput['metrics'] = [], now = Date.now()): WireMetricInput[] {
  return metrics.map((m) => ({
    key: m.key,
    value: encodeMetricValue(m.value),
    timestamp: m.timestamp ?? now,
    step: m.step ?? 0,
  }));
}

/** Split a batch into the fewest requests (greedy, order kept) that respect `logBatchLimits`. */
export function chunkLogBatch(batch: LogBatchInput, now = Date.now()): WireLogBatch[] {
  const items: Item[] = [
    ...toKeyValues(batch.params).map((entry): Item => ({ kind: 'params', entry })),
    ...toKeyValues(batch.tags).map((entry): Item => ({ kind: 'tags', entry })),
    ...toWireMetrics(batch.metrics, now).map((entry): Item => ({ kind: 'metrics', entry })),
  ];
  const chunks: WireLogBatch[] = [];
  let chunk = newChunk();
  let count = 0;
  let bytes = 0;
  for (const { kind, entry } of items) {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    const full =
      chunk[kind].length >= logBatchLimits[kind] ||
      count >= logBatchLimits.items ||
      (count > 0 && bytes + size > logBatchLimits.bytes);
    if (full) {
      chunks.push(chunk);
      chunk = newChunk();
      count = 0;
      bytes = 0;
    }
    (chunk[kind] as (typeof entry)[]).push(entry);
    count += 1;
    bytes += size;
  }
  if (count > 0) chunks.push(chunk);
  return chunks;
}
