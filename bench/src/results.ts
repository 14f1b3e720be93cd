import { formatZodIssues } from '@rings/ring-model/core';
import { z } from 'zod';

export const RESULTS_SCHEMA_VERSION = 1;
export const BENCHMARK_NAMES = ['ingest', 'train', 'serve', 'admission'] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

const summaryShape = {
  n: z.number().int().positive().describe('number of repetitions'),
  median: z.number().describe('median over the repetitions'),
  min: z.number(),
  max: z.number(),
  spread: z.number().nonnegative().describe('half the range relative to the median (0.05 = ±5%)'),
};

const goalSchema = z
  .object({ op: z.enum(['>=', '<=']), target: z.number() })
  .nullable()
  .default(null);

/** One measured figure: who was measured, in what unit, every repetition and its summary. */
export const figureSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9_.-]+$/)
    .describe('stable id, e.g. serve.ours.c16.rps'),
  label: z.string().min(1).describe('what a person reads in the table'),
  side: z.enum(['ours', 'peer', 'limit']).describe('our code, the Python peer, or the hardware/model limit'),
  unit: z.string().min(1).describe('records/s, images/s, requests/s, ms, MiB, ...'),
  better: z.enum(['higher', 'lower']),
  samples: z.array(z.number()).min(1).describe('one value per repetition'),
  ...summaryShape,
  goal: goalSchema.describe('an absolute goal on the median (e.g. p99 under 50 ms), null without one'),
  met: z.boolean().nullable().default(null).describe('median meets goal; null without a goal'),
});
export type Figure = z.infer<typeof figureSchema>;

/** A ratio between two figures of the same benchmark, with its goal from issue 9 when it has one. */
export const ratioSchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]+$/),
  label: z.string().min(1),
  numerator: z.string().describe('figure id'),
  denominator: z.string().describe('figure id'),
  value: z.number().describe('median(numerator) / median(denominator)'),
  low: z.number().describe('min(numerator) / max(denominator)'),
  high: z.number().describe('max(numerator) / min(denominator)'),
  goal: goalSchema.describe('the goal on value (from issue 9), null for a ratio reported without one'),
  met: z.boolean().nullable().default(null).describe('value meets goal; null without a goal'),
});
export type RatioResult = z.infer<typeof ratioSchema>;

/** One benchmark's outcome: figures and ratios when it ran, the reason when it could not. */
export const benchmarkResultSchema = z.object({
  name: z.enum(BENCHMARK_NAMES),
  status: z.enum(['ok', 'failed']),
  error: z.string().nullable().default(null).describe('why it could not run (status failed)'),
  seconds: z.number().nonnegative().describe('wall time of the benchmark'),
  figures: z.array(figureSchema).default([]),
  ratios: z.array(ratioSchema).default([]),
  notes: z.array(z.string()).default([]).describe('settings and caveats a reader needs'),
});
export type BenchmarkResult = z.infer<typeof benchmarkResultSchema>;

/** The facts that make figures from different machines incomparable. */
export const machineSchema = z.object({
  cpu_model: z.string(),
  cores: z.number().int().positive(),
  memory_gib: z.number().positive(),
  os: z.string(),
  node: z.string(),
  tfjs_node: z.string(),
  libtensorflow: z.string(),
  tf_backend: z.string(),
  peers: z
    .record(z.string(), z.string())
    .default({})
    .describe('versions on the Python side: python, tensorflow, keras, fastapi, uvicorn, ...'),
});
export type Machine = z.infer<typeof machineSchema>;

/** bench/results/<timestamp>.json */
export const resultsSchema = z.object({
  schema_version: z.literal(RESULTS_SCHEMA_VERSION),
  started_at: z.iso.datetime(),
  finished_at: z.iso.datetime(),
  mode: z.enum(['quick', 'full']),
  command: z.string().describe('how to reproduce the run'),
  machine: machineSchema,
  benchmarks: z.array(benchmarkResultSchema),
});
export type Results = z.infer<typeof resultsSchema>;

/** Thrown when a results file does not match the schema. */
export class InvalidResultsError extends Error {
  readonly code = 'INVALID_RESULTS';
}

/** Validate decoded JSON as a results file; the message lists every problem as "path: message". */
export function parseResults(value: unknown, source = 'results'): Results {
  const parsed = resultsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = formatZodIssues(parsed.error.issues);
  throw new InvalidResultsError(`${source} is not a valid benchmark results file:\n${lines}`);
}
