import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { DATASET_CSV_COLUMNS } from '@rings/ring-model/core';
import { stringify } from 'csv-stringify/sync';
import { createTaskPool } from '../shared/task-pool';
import type { GoodImage } from './check-image';
import type { PlaceCommand } from './place-image';
import { datasetPaths, IMAGES_DIR, STAGED_DLQ } from './dataset-layout';
import type { DatasetRow } from './existing-dataset';
import type { DlqEntry } from './dlq';
import type { Manifest } from './manifest';
import { removeTree } from '../shared/remove-tree';

/** What the staged dataset holds once finished. */
export interface StagedDataset {
  datasetVersion: string;
  records: number;
  classDistribution: Record<string, number>;
  rejected: number;
}

const BATCH = 256;
const IMAGE_BATCH = 128;

/** Buffered writes to a stream, waiting for 'drain' so memory stays bounded. */
function createLineWriter(
  file: string,
  format: (lines: unknown[]) => string,
  onText?: (text: string) => void,
) {
  const stream: WriteStream = createWriteStream(file);
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  let pending: unknown[] = [];
  const write = async (text: string) => {
    if (failure) throw failure;
    onText?.(text);
    if (!stream.write(text)) await once(stream, 'drain');
  };
  const flush = async () => {
    if (pending.length === 0) return;
    const text = format(pending);
    pending = [];
    await write(text);
  };
  return {
    write,
    async add(line: unknown) {
      pending.push(line);
      if (pending.length >= BATCH) await flush();
    },
    async close() {
      await flush();
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    },
    destroy: () => stream.destroy(),
  };
}

/**
 * The next dataset, built in the staging folder: CSV rows in order, images
 * placed with bounded concurrency, rejected records in a staged DLQ. The
 * dataset version hashes the CSV bytes and every image's sha256.
 */
export async function openStage(stageRoot: string, place: (commands: PlaceCommand[]) => Promise<void>) {
  const paths = datasetPaths(stageRoot);
  removeTree(stageRoot);
  await mkdir(paths.images, { recursive: true });
  const csvHash = createHash('sha256');
  const imageHash = createHash('sha256');
  const header = stringify([[...DATASET_CSV_COLUMNS]]);
  const csv = createLineWriter(
    paths.csv,
    (rows) => stringify(rows as string[][]),
    (text) => csvHash.update(text),
  );
  const dlq = createLineWriter(path.join(stageRoot, STAGED_DLQ), (lines) =>
    lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
  );
  const pool = createTaskPool(4);
  let commands: PlaceCommand[] = [];
  const flushImages = async () => {
    const batch = commands;
    commands = [];
    if (batch.length > 0) await pool.run(() => place(batch));
  };
  const images: Record<string, string> = {};
  const classDistribution: Record<string, number> = {};
  let records = 0;
  let rejected = 0;
  await csv.write(header);

  return {
    /** Adds a row; `source` is the checked image or a file of the existing dataset. */
    async addRow(row: Omit<DatasetRow, 'image'>, source: GoodImage | string): Promise<void> {
      const image = `${IMAGES_DIR}/${row.compound_id}.png`;
      const to = path.join(stageRoot, image);
      commands.push(
        typeof source === 'string'
          ? { kind: 'carry', from: source, to }
          : {
              kind: 'checked',
              from: source.realPath,
              to,
              sha256: source.sha256,
              dev: source.dev,
              ino: source.ino,
            },
      );
      if (commands.length >= IMAGE_BATCH) await flushImages();
      await csv.add([row.compound_id, String(row.num_rings), image]);
      images[image] = row.sha256;
      imageHash.update(`${image} ${row.sha256}\n`);
      classDistribution[row.num_rings] = (classDistribution[row.num_rings] ?? 0) + 1;
      records += 1;
    },
    async reject(entry: DlqEntry): Promise<void> {
      rejected += 1;
      await dlq.add(entry);
    },
    /** Waits for every write and writes manifest.json; returns the dataset's identity. */
    async finish(manifest: (staged: StagedDataset) => Manifest): Promise<StagedDataset> {
      await flushImages();
      await pool.drain();
      await Promise.all([csv.close(), dlq.close()]);
      const datasetVersion = createHash('sha256')
        .update(csvHash.digest('hex'))
        .update(imageHash.digest('hex'))
        .digest('hex')
        .slice(0, 16);
      const staged = { datasetVersion, records, classDistribution, rejected };
      await writeFile(paths.manifest, `${JSON.stringify({ ...manifest(staged), images }, null, 2)}\n`);
      return staged;
    },
    /** Stops writing after a failure and waits for writes in flight (the caller removes the folder). */
    async abandon(): Promise<void> {
      csv.destroy();
      dlq.destroy();
      await pool.drain().catch(() => undefined);
    },
  };
}
