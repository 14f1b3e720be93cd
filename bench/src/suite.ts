import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secondsSince, type BenchContext, type Outcome } from './benchmark';
import { benchAdmission } from './benchmarks/admission';
import { benchIngest } from './benchmarks/ingest';
import { benchServe } from './benchmarks/serve';
import { benchTrain } from './benchmarks/train';
import { describeMachine } from './machine';
import { peerVersions } from './python';
import { RESULTS_SCHEMA_VERSION, type BenchmarkName, type BenchmarkResult, type Results } from './results';
import type { Settings } from './settings';

const BENCHMARKS: Record<BenchmarkName, (ctx: BenchContext) => Promise<Outcome>> = {
  ingest: benchIngest,
  train: benchTrain,
  serve: benchServe,
  admission: benchAdmission,
};

/** Options of one suite run. */
export interface SuiteOptions {
  settings: Settings;
  only: BenchmarkName[];
  command: string;
  log(message: string): void;
}

async function runOne(name: BenchmarkName, options: SuiteOptions): Promise<BenchmarkResult> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), `rings-bench-${name}-`));
  const start = process.hrtime.bigint();
  options.log(`── ${name}`);
  try {
    const outcome = await BENCHMARKS[name]({ settings: options.settings, workDir, log: options.log });
    return { name, status: 'ok', error: null, seconds: secondsSince(start), ...outcome };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    options.log(`${name} could not run: ${error}`);
    return {
      name,
      status: 'failed',
      error,
      seconds: secondsSince(start),
      figures: [],
      ratios: [],
      notes: [],
    };
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** Run the selected benchmarks one after the other; a benchmark that cannot run is recorded as failed. */
export async function runSuite(options: SuiteOptions): Promise<Results> {
  const startedAt = new Date().toISOString();
  const peers = await peerVersions().catch((err: unknown) => {
    options.log(`the Python peers' environment is not usable: ${(err as Error).message}`);
    return {};
  });
  const benchmarks: BenchmarkResult[] = [];
  for (const name of options.only) benchmarks.push(await runOne(name, options));
  return {
    schema_version: RESULTS_SCHEMA_VERSION,
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    mode: options.settings.mode,
    command: options.command,
    machine: describeMachine(peers),
    benchmarks,
  };
}
