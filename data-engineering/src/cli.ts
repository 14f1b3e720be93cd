#!/usr/bin/env node
// The data-engineering CLI: every command and flag is declared here; actions
// parse their options with zod and call the library. Only this file sets the
// exit code.
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { buildRawData, REPO_ROOT } from './build/build-raw-data';
import { DataEngineeringError } from './shared/errors';
import { createProgress, type LogFormat } from './shared/progress';

const logFormat = z.enum(['auto', 'bar', 'plain', 'json']).default('auto');
const count = z.coerce.number().int().nonnegative();

const buildFlags = z.object({
  source: z.string().default(path.join(REPO_ROOT, '..', 'shared', 'data', 'nci-5k.smi')),
  out: z.string().default(path.join(REPO_ROOT, 'raw-data')),
  offset: count.default(0),
  limit: count.optional(),
  idPrefix: z.string().optional(),
  badRecords: z.boolean().default(true),
  concurrency: z.coerce.number().int().min(1).max(64).default(8),
  log: logFormat,
});

async function runBuild(flags: unknown): Promise<void> {
  const options = parseFlags(buildFlags, flags);
  const progress = createProgress('render', 'images', options.log as LogFormat);
  const idPrefix = options.idPrefix ?? (path.basename(options.source).startsWith('nci') ? 'NSC' : '');
  const result = await buildRawData({ ...options, idPrefix, onProgress: (e) => progress.update(e) });
  progress.stop();
  progress.log(
    `wrote ${result.records} records (${result.rendered} images, ${result.unparseable.length} unparseable, ` +
      `${result.badRecords} deliberately bad) to ${result.out} in ${result.seconds.toFixed(1)} s ` +
      `(${result.imagesPerSecond.toFixed(0)} images/s)`,
    { ...result },
  );
}

function parseFlags<S extends z.ZodType>(schema: S, flags: unknown): z.infer<S> {
  const parsed = schema.safeParse(flags);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
  throw new DataEngineeringError('INVALID_OPTIONS', `invalid options:\n  ${lines.join('\n  ')}`);
}

function buildProgram(): Command {
  const program = new Command('data-engineering').description('Raw-data builder and validating ingest.');
  program
    .command('build-raw-data')
    .description(
      'Render a .smi source as raw-data/compounds.json + images/ (PNG 300x300, RDKit ring labels).',
    )
    .option('--source <file>', 'SMILES<TAB>id file (default: ../shared/data/nci-5k.smi beside the repo)')
    .option(
      '--out <dir>',
      'output folder (default: raw-data/ in the repo); its images/ and compounds.json are replaced',
    )
    .option('--offset <n>', 'skip the first n molecules')
    .option('--limit <n>', 'render at most n molecules')
    .option('--id-prefix <prefix>', 'prefix for compound ids (default: NSC for nci-*.smi, none otherwise)')
    .option('--no-bad-records', 'leave out the documented deliberately bad records')
    .option('--concurrency <n>', 'images rasterised at once', '8')
    .option('--log <format>', 'auto | bar | plain | json', 'auto')
    .action((flags: unknown) => runBuild(flags));
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof DataEngineeringError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}

void main(process.argv);
