import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataEngineeringError } from '../shared/errors';
import { commitStage, recoverStage, stagePath } from './commit';
import { STAGED_DLQ } from './dataset-layout';
import { checkRecords } from './check-records';
import { openStage, type StagedDataset } from './dataset-stage';
import { appendDlq, toDlqEntry } from './dlq';
import { startImageWorkers } from './image-workers';
import { decide, type KnownCompound } from './decide';
import { readExistingDataset, type ExistingDataset } from './existing-dataset';
import { acquireOutputLock } from './lock';
import { buildManifest, type IngestCounts } from './manifest';
import { parseIngestOptions, type IngestOptions, type ResolvedIngestOptions } from './options';
import { readJsonArray, type InputFacts } from './read-json-array';
import { removeTree } from '../shared/remove-tree';

/** What one ingest did. Invariant: accepted + rejected + duplicates_skipped == read. */
export interface IngestSummary {
  datasetVersion: string;
  previousVersion: string | null;
  /** Records read, accepted, rejected (to the DLQ) and skipped as identical duplicates. */
  counts: IngestCounts;
  /** Rows of the dataset now in the output (earlier ones included on --append). */
  records: number;
  classDistribution: Record<string, number>;
  source: string;
  outputPath: string;
  dlq: string;
  /** What was found of an earlier, interrupted run in the output folder. */
  recovered: 'none' | 'finished' | 'discarded';
  seconds: number;
  recordsPerSecond: number;
}

/**
 * Validates `<dataLoc>/<fileName>` record by record and writes the dataset
 * (compound_rings.csv, images/, manifest.json) to `outputPath`, rejected records
 * to the DLQ. Output is staged and moved into place only when complete.
 */
export async function ingestDataset(input: IngestOptions): Promise<IngestSummary> {
  const options = parseIngestOptions(input);
  const started = process.hrtime.bigint();
  const source = path.join(options.dataLoc, options.fileName);
  const dataLocReal = await realpath(options.dataLoc).catch((error: unknown) => {
    throw new DataEngineeringError('SOURCE_NOT_FOUND', `data_loc ${options.dataLoc} does not exist`, {
      cause: error,
    });
  });
  const outputReal = await realpath(options.outputPath).catch(() => path.resolve(options.outputPath));
  if (outputReal === dataLocReal) {
    // The commit replaces output_path/images: here that would be the raw images themselves.
    throw new DataEngineeringError('INVALID_OPTIONS', 'output_path must be another folder than data_loc');
  }
  await assertSourceInside(source, options.dataLoc, dataLocReal);
  const sourceBytes = (await stat(source).catch(() => undefined))?.size ?? 0;
  const created = await mkdir(options.outputPath, { recursive: true });
  try {
    return await ingestLocked(options, source, sourceBytes, dataLocReal, started);
  } catch (error) {
    // A first run that failed leaves no trace: not even the folders it made. But a
    // lock held by another ingest means the folder is now that ingest's.
    const lockedOut = error instanceof DataEngineeringError && error.code === 'OUTPUT_LOCKED';
    if (created !== undefined && !lockedOut) removeTree(created);
    throw error;
  }
}

/** file_name must stay inside data_loc, as written and after resolving symlinks. */
async function assertSourceInside(source: string, dataLoc: string, dataLocReal: string): Promise<void> {
  const real = await realpath(source).catch(() => path.resolve(dataLocReal, path.relative(dataLoc, source)));
  const rel = path.relative(dataLocReal, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new DataEngineeringError(
      'INVALID_OPTIONS',
      `file_name must name a file inside data_loc (${dataLoc}), but ${source} resolves to ${real}`,
    );
  }
}

async function ingestLocked(
  options: ResolvedIngestOptions,
  source: string,
  sourceBytes: number,
  dataLocReal: string,
  started: bigint,
): Promise<IngestSummary> {
  const lock = await acquireOutputLock(options.outputPath, options.lockLeaseMs);
  try {
    const recovered = await recoverStage(options.outputPath);
    const existing = options.append ? await readExistingDataset(options.outputPath) : undefined;
    const run = await stageDataset(options, source, sourceBytes, dataLocReal, existing);
    await lock.assertHeld();
    if (run.counts.rejected > 0)
      await appendDlq(path.join(stagePath(options.outputPath), STAGED_DLQ), options.dlq);
    await commitStage(options.outputPath);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      datasetVersion: run.staged.datasetVersion,
      previousVersion: existing?.manifest.dataset_version ?? null,
      counts: run.counts,
      records: run.staged.records,
      classDistribution: run.staged.classDistribution,
      source,
      outputPath: options.outputPath,
      dlq: options.dlq,
      recovered,
      seconds,
      recordsPerSecond: run.counts.read / seconds,
    };
  } finally {
    await lock.release();
  }
}

async function stageDataset(
  options: ResolvedIngestOptions,
  source: string,
  sourceBytes: number,
  dataLocReal: string,
  existing: ExistingDataset | undefined,
): Promise<{ counts: IngestCounts; staged: StagedDataset }> {
  const stageRoot = stagePath(options.outputPath);
  const workers = startImageWorkers(
    {
      dataLoc: options.dataLoc,
      dataLocReal,
      maxBytes: options.maxImageBytes,
      maxPixels: options.maxImagePixels,
      level: options.imageCheck,
      linkImages: options.linkImages,
    },
    options.workers,
  );
  const stage = await openStage(stageRoot, (commands) => workers.place(commands));
  try {
    const known = new Map<string, KnownCompound>();
    for (const row of existing?.rows ?? []) {
      known.set(row.compound_id, {
        numRings: row.num_rings,
        sha256: row.sha256,
        row: null,
      });
      await stage.addRow(row, path.join(options.outputPath, row.image));
    }
    const counts: IngestCounts = { read: 0, accepted: 0, rejected: 0, duplicates_skipped: 0 };
    let facts: InputFacts | undefined;
    const elements = readJsonArray(source, {
      onBytes: (bytes) =>
        options.onProgress?.({ done: counts.read, fraction: bytes / Math.max(sourceBytes, 1) }),
      onEnd: (end) => (facts = end),
    });
    for await (const batch of checkRecords(elements, workers, Math.max(options.workers, 1) * 2)) {
      if (options.signal?.aborted)
        throw new DataEngineeringError('INTERRUPTED', 'interrupted; nothing was changed');
      for (const checked of batch) {
        counts.read += 1;
        const decision = decide(checked, known, source);
        if (decision.kind === 'accept') {
          const { compound_id, num_rings } = decision.record;
          known.set(compound_id, {
            numRings: num_rings,
            sha256: decision.image.sha256,
            row: checked.row,
          });
          await stage.addRow({ compound_id, num_rings, sha256: decision.image.sha256 }, decision.image);
          counts.accepted += 1;
        } else if (decision.kind === 'duplicate') {
          counts.duplicates_skipped += 1;
        } else {
          counts.rejected += 1;
          await stage.reject(toDlqEntry(source, checked, decision.problems));
        }
      }
    }
    assertConservation(counts);
    const input = facts ?? { bytes: sourceBytes, sha256: '' };
    const staged = await stage.finish((s) =>
      buildManifest({ options, source, input, counts, staged: s, previous: existing?.manifest }),
    );
    return { counts, staged };
  } catch (error) {
    await stage.abandon();
    removeTree(stageRoot);
    throw error;
  } finally {
    await workers.close();
  }
}

function assertConservation(counts: IngestCounts): void {
  const { read, accepted, rejected, duplicates_skipped: skipped } = counts;
  if (accepted + rejected + skipped !== read) {
    throw new Error(`bug: accepted ${accepted} + rejected ${rejected} + skipped ${skipped} != read ${read}`);
  }
}
