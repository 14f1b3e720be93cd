// Wire shapes of the tracking API (protobuf JSON, snake_case, unset fields
// omitted), validated with zod and mapped to the public types in types.ts.
import { z } from 'zod';
import { decodeMetricValue } from './metric-value';
import type { Experiment, Metric, Run, RunInfo } from './types';

/** int64 fields arrive as JSON numbers from MLflow, as strings from strict protobuf JSON. */
export const wireInt = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const wireTag = z.object({ key: z.string(), value: z.string().default('') });

const wireLifecycle = z.enum(['active', 'deleted']).default('active');

export const wireMetric = z.object({
  key: z.string(),
  value: z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform(decodeMetricValue),
  timestamp: wireInt.default(0),
  step: wireInt.default(0),
});

export const wireExperiment = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string().optional(),
  lifecycle_stage: wireLifecycle,
  creation_time: wireInt.optional(),
  last_update_time: wireInt.optional(),
  tags: z.array(wireTag).default([]),
});

export const wireRunInfo = z.object({
  run_id: z.string(),
  run_name: z.string().optional(),
  experiment_id: z.string(),
  user_id: z.string().optional(),
  status: z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']),
  start_time: wireInt.optional(),
  end_time: wireInt.optional(),
  artifact_uri: z.string().default(''),
  lifecycle_stage: wireLifecycle,
});

export const wireRun = z.object({
  info: wireRunInfo,
  data: z
    .object({
      metrics: z.array(wireMetric).default([]),
      params: z.array(wireTag).default([]),
      tags: z.array(wireTag).default([]),
    })
    .default({ metrics: [], params: [], tags: [] }),
});

/** Param and tag values -> MLflow's `{key, value}` pairs, stringified. */
export function toKeyValues(
  values: Record<string, string | number | boolean> = {},
): { key: string; value: string }[] {
  return Object.entries(values).map(([key, value]) => ({ key, value: String(value) }));
}

/** Key/value pairs -> a record. */
export function toRecord(pairs: readonly { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(pairs.map((p) => [p.key, p.value]));
}

export function toExperiment(e: z.infer<typeof wireExperiment>): Experiment {
  return {
    experimentId: e.experiment_id,
    name: e.name,
    artifactLocation: e.artifact_location,
    lifecycleStage: e.lifecycle_stage,
    creationTime: e.creation_time,
    lastUpdateTime: e.last_update_time,
    tags: toRecord(e.tags),
  };
}

export function toRunInfo(i: z.infer<typeof wireRunInfo>): RunInfo {
  return {
    runId: i.run_id,
    runName: i.run_name,
    experimentId: i.experiment_id,
    status: i.status,
    startTime: i.start_time,
    endTime: i.end_time,
    artifactUri: i.artifact_uri,
    lifecycleStage: i.lifecycle_stage,
    userId: i.user_id === '' ? undefined : i.user_id,
  };
}

export function toMetric(m: z.infer<typeof wireMetric>): Metric {
  return { key: m.key, value: m.value, timestamp: m.timestamp, step: m.step };
}

export function toRun(r: z.infer<typeof wireRun>): Run {
  return {
    info: toRunInfo(r.info),
    metrics: Object.fromEntries(r.data.metrics.map((m) => [m.key, toMetric(m)])),
    params: toRecord(r.data.params),
    tags: toRecord(r.data.tags),
  };
}
