import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DATASET_FILES, datasetManifestSchema } from '@rings/ring-model';
import { RetrainError } from './errors';
import { REPO_ROOT, runCommand, tail } from './run-command';

export interface IngestBatchOptions {
  /** The raw batch folder (compounds.json + images/). */
  raw: string;
  fileName: string;
  /** The ingest output (data-science/data); appended to when it holds a dataset. */
  dataDir: string;
  /** Dead-letter queue file; the ingest's default when absent. */
  dlq?: string;
  log: (line: string) => void;
}

export interface IngestOutcome {
  append: boolean;
  datasetVersion: string;
}

const manifestSchema = datasetManifestSchema.pick({ dataset_version: true });

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Ingest a raw batch with the data-engineering CLI, appending to the dataset when there is one. */
export async function ingestBatch(options: IngestBatchOptions): Promise<IngestOutcome> {
  const cli = path.join(REPO_ROOT, 'data-engineering', 'dist', 'cli.js');
  if (!(await exists(cli))) {
    throw new RetrainError('NOT_BUILT', `${cli} is missing: run npm run build (npm run retrain builds it)`);
  }
  const append = await exists(path.join(options.dataDir, DATASET_FILES.manifest));
  const args = [
    cli,
    'ingest',
    '--data-loc',
    path.resolve(options.raw),
    '--file-name',
    options.fileName,
    '--output-path',
    path.resolve(options.dataDir),
    '--log',
    'plain',
    ...(options.dlq ? ['--dlq', path.resolve(options.dlq)] : []),
    ...(append ? ['--append'] : []),
  ];
  const result = await runCommand(process.execPath, args, { log: (line) => options.log(`[ingest] ${line}`) });
  if (result.code !== 0) {
    throw new RetrainError(
      'INGEST_FAILED',
      `ingesting ${options.raw} failed (exit ${result.code}); the dataset is unchanged:\n${tail(result.stderr)}`,
    );
  }
  const manifest = manifestSchema.parse(
    JSON.parse(await fs.readFile(path.join(options.dataDir, DATASET_FILES.manifest), 'utf8')),
  );
  return { append, datasetVersion: manifest.dataset_version };
}
