import { readFile } from 'node:fs/promises';
import { datasetManifestSchema, datasetRowSchema, type DatasetRow as CsvRow } from '@rings/ring-model/core';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DataEngineeringError } from '../shared/errors';
import { datasetPaths } from './dataset-layout';
import type { Manifest } from './manifest';

/** One row of an existing dataset, as append needs it: the CSV row and its image's sha256. */
export interface DatasetRow extends CsvRow {
  sha256: string;
}

/** The dataset already in the output folder, or undefined when there is none. */
export interface ExistingDataset {
  manifest: Manifest;
  rows: DatasetRow[];
}

/** Reads the committed dataset of `outputPath` for --append, checking CSV and manifest agree. */
export async function readExistingDataset(outputPath: string): Promise<ExistingDataset | undefined> {
  const paths = datasetPaths(outputPath);
  const [manifestText, csvText] = await Promise.all([readOptional(paths.manifest), readOptional(paths.csv)]);
  if (manifestText === undefined && csvText === undefined) return undefined;
  const corrupt = (problem: string, cause?: unknown) =>
    new DataEngineeringError(
      'OUTPUT_CORRUPT',
      `cannot append to ${outputPath}: ${problem}; run the ingest without --append to rebuild the dataset`,
      { cause },
    );
  if (manifestText === undefined || csvText === undefined) {
    throw corrupt(`it has ${manifestText === undefined ? 'no manifest.json' : 'no compound_rings.csv'}`);
  }
  let manifest: Manifest;
  let records: CsvRow[];
  try {
    manifest = datasetManifestSchema.parse(JSON.parse(manifestText));
    records = z.array(datasetRowSchema).parse(parse(csvText, { columns: true, skip_empty_lines: true }));
  } catch (error) {
    throw corrupt(`its manifest or CSV does not parse (${(error as Error).message})`, error);
  }
  const rows = records.map((row) => ({ ...row, sha256: manifest.images[row.image] ?? '' }));
  const bad = rows.find((row) => row.sha256 === '');
  if (bad || rows.length !== manifest.records) {
    throw corrupt(`compound_rings.csv and manifest.json disagree (${bad ? bad.compound_id : 'row count'})`);
  }
  return { manifest, rows };
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
