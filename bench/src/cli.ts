#!/usr/bin/env node
// The benchmark CLI: flags declared here, parsed with zod; only this file sets
// the exit code. Exit 0 when every selected benchmark ran (slow or not), 1 when
// one could not run, 2 for bad options.
import path from 'node:path';
import { formatZodIssues } from '@rings/ring-model/core';
import { Command } from 'commander';
import { z } from 'zod';
import { BenchError } from './errors';
import { REPO_ROOT, RESULTS_DIR } from './paths';
import { renderResultsMarkdown } from './readme-table';
import { latestResultsFile, updateReadme, writeResults } from './report';
import { BENCHMARK_NAMES } from './results';
import { FULL, QUICK } from './settings';
import { runSuite } from './suite';

const flagsSchema = z.object({
  quick: z.boolean().default(false).describe('a run of a few minutes: fewer repetitions, shorter loads'),
  only: z
    .array(z.enum(BENCHMARK_NAMES))
    .default([...BENCHMARK_NAMES])
    .describe('benchmarks to run'),
  readme: z.boolean().default(false).describe('only regenerate the README table from the latest results'),
  repetitions: z.coerce.number().int().min(1).max(50).optional(),
});

function parseFlags(flags: unknown): z.infer<typeof flagsSchema> {
  const parsed = flagsSchema.safeParse(flags);
  if (parsed.success) return parsed.data;
  const lines = formatZodIssues(parsed.error.issues, { prefix: '--' });
  throw new BenchError('INVALID_OPTIONS', `invalid options:\n${lines}`);
}

const README = path.join(REPO_ROOT, 'README.md');
const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

async function regenerateReadme(): Promise<void> {
  const latest = await latestResultsFile(RESULTS_DIR);
  if (!latest) throw new BenchError('RUN_FAILED', `no results in ${RESULTS_DIR}: run npm run bench first`);
  await updateReadme(README, latest);
  log(`README.md bench section regenerated from ${path.relative(REPO_ROOT, latest)}`);
}

async function run(flags: unknown): Promise<void> {
  const options = parseFlags(flags);
  if (options.readme) return regenerateReadme();
  const base = options.quick ? QUICK : FULL;
  const settings = { ...base, repetitions: options.repetitions ?? base.repetitions };
  const given = [
    options.quick ? '--quick' : '',
    options.only.length < BENCHMARK_NAMES.length ? `--only ${options.only.join(',')}` : '',
  ].filter(Boolean);
  const command = given.length > 0 ? `npm run bench -- ${given.join(' ')}` : 'npm run bench';
  const results = await runSuite({ settings, only: options.only, command, log });
  const file = await writeResults(RESULTS_DIR, results);
  process.stdout.write(`${renderResultsMarkdown(results, path.relative(REPO_ROOT, file))}\n`);
  log(`results written to ${path.relative(REPO_ROOT, file)}; README table: npm run bench -- --readme`);
  const failed = results.benchmarks.filter((b) => b.status === 'failed');
  if (failed.length > 0) {
    throw new BenchError('RUN_FAILED', `could not run: ${failed.map((b) => b.name).join(', ')}`);
  }
}

const program = new Command('bench')
  .description('Benchmarks: ours side by side with the Python peers; writes bench/results/<timestamp>.json')
  .option('--quick', 'a run of a few minutes (fewer repetitions, shorter loads)')
  .option('--only <names>', `comma-separated subset of ${BENCHMARK_NAMES.join(', ')}`, (v: string) =>
    v.split(','),
  )
  .option('--repetitions <n>', 'repetitions of each comparison (default 5, quick 3)')
  .option('--readme', 'write the README table from the latest results file, run nothing')
  .action((flags: unknown) => run(flags));

program.parseAsync(process.argv).catch((err: unknown) => {
  log(err instanceof Error ? err.message : String(err));
  process.exitCode = err instanceof BenchError && err.code === 'INVALID_OPTIONS' ? 2 : 1;
});
