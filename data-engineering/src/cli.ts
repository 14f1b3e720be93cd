#!/usr/bin/env node
// The data-engineering CLI: every command and flag is declared here; actions
// parse their flags with zod and call the library. Only this file sets the
// exit code (see EXIT_CODES).
import path from 'node:path';
import { formatZodIssues } from '@rings/ring-model/core';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { RING_KINDS } from './analysis/ring-kind';
import { STYLE_SETS } from './build/drawing-styles';
import { reportBuild, reportIngest, reportRingKinds, reportSynthetic } from './cli-report';
import { DataEngineeringError } from './shared/errors';
import { createProgress } from './shared/progress';
import { REPO_ROOT } from './shared/repo-root';

const log = z.enum(['auto', 'bar', 'plain', 'json']).default('auto');
const int = (min: number) => z.coerce.number().int().min(min);

const buildFlags = z.object({
  source: z.string().default(path.join(REPO_ROOT, 'data-engineering', 'sources', 'nci-5k.smi')),
  out: z.string().default(path.join(REPO_ROOT, 'raw-data')),
  offset: int(0).default(0),
  limit: int(0).optional(),
  idPrefix: z.string().optional(),
  badRecords: z.boolean(),
  style: z.enum(STYLE_SETS).default('default'),
  styleVariant: int(0).default(0),
  ringKinds: z.array(z.enum(RING_KINDS)).min(1).optional(),
  concurrency: int(1).max(64),
  log,
});

const ingestFlags = z.object({
  dataLoc: z.string(),
  fileName: z.string(),
  outputPath: z.string(),
  dlq: z.string(),
  append: z.boolean().default(false),
  imageCheck: z.enum(['crc', 'inflate', 'decode']),
  maxImageBytes: int(1),
  maxImagePixels: int(1),
  linkImages: z.boolean(),
  workers: int(0).max(16).optional(),
  lockLease: int(1),
  log,
});

const syntheticFlags = z.object({
  from: z.string(),
  out: z.string(),
  count: int(0),
  link: z.boolean(),
  log,
});

const ringKindsFlags = z.object({
  source: z.string(),
  out: z.string(),
  offset: int(0).optional(),
  limit: int(0).optional(),
  idPrefix: z.string().optional(),
  log,
});

function parseFlags<S extends z.ZodType>(schema: S, flags: unknown): z.infer<S> {
  const parsed = schema.safeParse(flags);
  if (parsed.success) return parsed.data;
  const lines = formatZodIssues(parsed.error.issues, { prefix: '--' });
  throw new DataEngineeringError('INVALID_OPTIONS', `invalid options:\n${lines}`);
}

/** The original demo spelled flags with underscores; both spellings are accepted. */
function mergeSnakeCase(flags: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...flags };
  for (const [snake, camel] of [
    ['data_loc', 'dataLoc'],
    ['file_name', 'fileName'],
    ['output_path', 'outputPath'],
  ]) {
    if (merged[snake] !== undefined) merged[camel] = merged[snake];
  }
  return merged;
}

/** The NCI source's ids are NSC numbers; other sources' ids are used as they are. */
function defaultIdPrefix(source: string): string {
  return path.basename(source).startsWith('nci') ? 'NSC' : '';
}

async function runBuild(flags: unknown): Promise<void> {
  const options = parseFlags(buildFlags, flags);
  const progress = createProgress('render', 'images', options.log);
  const idPrefix = options.idPrefix ?? defaultIdPrefix(options.source);
  // Loaded on demand: RDKit's WASM glue is large and the ingest does not need it.
  const { buildRawData } = await import('./build/build-raw-data');
  const result = await buildRawData({ ...options, idPrefix, onProgress: (e) => progress.update(e) });
  progress.stop();
  reportBuild(progress, result);
}

async function runIngest(flags: Record<string, unknown>): Promise<void> {
  const { lockLease, ...options } = parseFlags(ingestFlags, mergeSnakeCase(flags));
  const progress = createProgress('ingest', 'records', options.log);
  const controller = new AbortController();
  const stop = () => (controller.signal.aborted ? process.exit(130) : controller.abort());
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const { ingestDataset } = await import('./ingest/ingest-dataset');
  const summary = await ingestDataset({
    ...options,
    lockLeaseMs: lockLease * 1000,
    signal: controller.signal,
    onProgress: (e) => progress.update(e),
  }).finally(() => process.off('SIGINT', stop).off('SIGTERM', stop));
  progress.stop();
  reportIngest(progress, summary);
}

async function runSynthetic(flags: unknown): Promise<void> {
  const options = parseFlags(syntheticFlags, flags);
  const { makeSyntheticRawSet } = await import('./synthetic/make-synthetic-raw-set');
  reportSynthetic(createProgress('synthesize', 'records', options.log), await makeSyntheticRawSet(options));
}

async function runRingKinds(flags: unknown): Promise<void> {
  const options = parseFlags(ringKindsFlags, flags);
  const progress = createProgress('ring-kinds', 'molecules', options.log);
  // The ids of a .smi source are build-raw-data's, default prefix included.
  const smi = path.extname(options.source).toLowerCase() !== '.json';
  const idPrefix = options.idPrefix ?? (smi ? defaultIdPrefix(options.source) : undefined);
  const { labelRingKinds } = await import('./analysis/ring-kinds');
  const result = await labelRingKinds({ ...options, idPrefix, onProgress: (e) => progress.update(e) });
  progress.stop();
  reportRingKinds(progress, result);
}

const logOption = () =>
  new Option('--log <format>', 'progress and summary: bar on a terminal, plain lines or JSON lines otherwise')
    .choices(['auto', 'bar', 'plain', 'json'])
    .default('auto');

function buildProgram(): Command {
  const program = new Command('data-engineering')
    .description('Raw-data builder and validating ingest with a dead-letter queue.')
    .showHelpAfterError();
  program
    .command('build-raw-data')
    .description(
      'Render a .smi source as compounds.json + images/ (300x300 palette PNG, RDKit NumRings labels).',
    )
    .option('--source <file>', 'SMILES<TAB>id file (default: data-engineering/sources/nci-5k.smi)')
    .option(
      '--out <dir>',
      'output folder (default: raw-data/ in the repo); its images/ and compounds.json are replaced',
    )
    .option('--offset <n>', 'skip the first n molecules of the source')
    .option('--limit <n>', 'render at most n molecules')
    .option('--id-prefix <prefix>', 'prefix for compound ids (default: NSC for nci-*.smi, none otherwise)')
    .option('--no-bad-records', 'leave out the documented deliberately bad records')
    .addOption(
      new Option(
        '--style <set>',
        'drawing styles: default (RDKit as in raw-data/), train (varied widths, rotation, scale, ' +
          'black or default colours, fonts) or unseen (hand-drawn or thick lines or tinted colours, larger fonts; ' +
          'never in train); chosen per molecule from its compound id',
      )
        .choices([...STYLE_SETS])
        .default('default'),
    )
    .option(
      '--style-variant <n>',
      'train or unseen only: another independent drawing of each molecule from the set ' +
        '(0 is the first; several variants in several folders give several drawings of each molecule)',
      '0',
    )
    .addOption(
      new Option(
        '--ring-kinds <kinds...>',
        'render only molecules of these ring kinds (as ring-kinds labels them); the others are left out and counted',
      ).choices([...RING_KINDS]),
    )
    .option('--concurrency <n>', 'images rasterised at once', '8')
    .addOption(logOption())
    .action(runBuild);
  program
    .command('ingest')
    .description(
      'Validate raw records, write the dataset (CSV, images, manifest) and send rejects to the DLQ.',
    )
    .option('--data_loc, --data-loc <dir>', 'folder of the raw export; images must lie inside it', 'raw-data')
    .option('--file_name, --file-name <file>', 'JSON array of records inside data_loc', 'compounds.json')
    .option('--output_path, --output-path <dir>', 'where the dataset is written', 'data-science/data')
    .option(
      '--dlq <file>',
      'dead-letter queue: rejected records are appended as JSON lines',
      'data-engineering/ingest/dlq.log',
    )
    .option('--append', 'add to the existing dataset (new version) instead of replacing it', false)
    .addOption(
      new Option(
        '--image-check <level>',
        'crc: structure + checksums; inflate: + all image data; decode: + sharp decode',
      )
        .choices(['crc', 'inflate', 'decode'])
        .default('inflate'),
    )
    .option('--max-image-bytes <n>', 'largest image file accepted', String(5 * 1024 * 1024))
    .option('--max-image-pixels <n>', 'most pixels an image header may claim', String(4096 * 4096))
    .option('--no-link-images', 'always copy images instead of hard-linking them into the dataset')
    .option('--workers <n>', 'image worker threads (default: CPU cores, at most 4; 0: main thread)')
    .option(
      '--lock-lease <seconds>',
      "output lock's lease, renewed every third of it; an ingest on another host that stops renewing it is taken over",
      '60',
    )
    .addOption(logOption())
    .addHelpText('after', INGEST_HELP)
    .action(runIngest);
  program
    .command('make-synthetic')
    .description(
      'Make an N-record raw set for benchmarks by reusing the good records and images of a raw folder.',
    )
    .option('--from <dir>', 'raw folder to reuse', 'raw-data')
    .requiredOption('--out <dir>', 'folder to create (replaced if present)')
    .requiredOption('--count <n>', 'number of records')
    .option('--no-link', 'copy the images instead of hard-linking them')
    .addOption(logOption())
    .action(runSynthetic);
  program
    .command('ring-kinds')
    .description(
      'Label each molecule of a raw compounds.json or a .smi file with its ring kind, as a ' +
        'compound_id,ring_kind CSV (groups for evaluation).',
    )
    .requiredOption(
      '--source <file>',
      "a raw folder's compounds.json (records without a usable smiles are skipped) or a .smi file (SMILES<TAB>id)",
    )
    .requiredOption('--out <csv>', 'CSV to write, header compound_id,ring_kind (replaced if present)')
    .option('--offset <n>', '.smi only: skip the first n molecules of the source, as build-raw-data does')
    .option('--limit <n>', '.smi only: label at most n molecules')
    .option(
      '--id-prefix <prefix>',
      '.smi only: prefix for compound ids (default: NSC for nci-*.smi, none otherwise)',
    )
    .addOption(logOption())
    .addHelpText('after', RING_KINDS_HELP)
    .action(runRingKinds);
  return program;
}

const INGEST_HELP = `
Exit codes: 0 ran (DLQ entries included), 2 invalid options, 3 malformed input file,
4 data_loc or input missing, 5 output folder locked by another ingest,
6 existing dataset corrupt (--append), 130 interrupted (nothing changed).

Example:
  npm run ingest -- --data_loc raw-data --file_name compounds.json \\
    --output_path data-science/data --dlq data-engineering/ingest/dlq.log`;

const RING_KINDS_HELP = `
Ring kinds, first match wins (RDKit MinimalLib; rings are RDKit's smallest set of smallest rings):
  bridged     NumBridgeheadAtoms > 0            (norbornane C1CC2CCC1C2)
  small-ring  a ring of 3 or 4 atoms            (cyclopropylbenzene)
  spiro       NumSpiroAtoms > 0                 (spiro[4.5]decane C1CCC2(C1)CCCCC2)
  large-ring  a ring of 8 or more atoms         (cyclododecane)
  fused       two rings share an atom           (naphthalene)
  isolated    rings, none sharing an atom       (biphenyl)
  acyclic     no ring                           (hexane)
Skipped and counted: records without a smiles or a usable compound_id, repeated ids (the first
wins), molecules RDKit cannot parse.

Exit codes: 0 written, 2 invalid options or --out not writable, 3 malformed source,
4 source missing.

Example:
  npm run ring-kinds -- --source raw-data/compounds.json --out data-science/reports/ring-kinds.csv`;

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (!(error instanceof DataEngineeringError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}

void main(process.argv);
