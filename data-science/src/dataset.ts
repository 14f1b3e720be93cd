// Reading the ingest output: compound_rings.csv, images/ and manifest.json.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DATASET_FILES, datasetManifestSchema, datasetRowSchema, formatZodIssues } from '@rings/ring-model';
import { parse } from 'csv-parse/sync';
import { TrainingError } from './errors';

/** One labelled image of the ingest output. */
export interface CompoundRecord {
  /** Name of the dataset the record comes from (e.g. nci, chembl). */
  source: string;
  compoundId: string;
  numRings: number;
  /** Absolute path of the PNG. */
  imagePath: string;
  /** sha256 of the image bytes, from the manifest (used to drop cross-source duplicates). */
  sha256: string | undefined;
}

/** One ingest output folder. */
export interface IngestDataset {
  dir: string;
  source: string;
  datasetVersion: string;
  records: CompoundRecord[];
}

// Only the manifest fields training needs, from ring-model's one manifest schema
// (images may be absent: then no cross-source duplicate is dropped).
const manifestSchema = datasetManifestSchema
  .pick({ dataset_version: true, images: true })
  .partial({ images: true });

/**
 * Read one ingest output folder. `source` names it in reports and splits
 * (default: the folder's name, or "name=dir" in the spec).
 */
export async function readIngestDataset(spec: string): Promise<IngestDataset> {
  const { source, dir } = parseDatasetSpec(spec);
  const manifest = manifestSchema.safeParse(await readJson(path.join(dir, DATASET_FILES.manifest)));
  if (!manifest.success) {
    throw new TrainingError(
      'INVALID_DATA',
      `${dir}/manifest.json is not an ingest manifest:\n${formatZodIssues(manifest.error.issues)}`,
    );
  }
  const csvFile = path.join(dir, DATASET_FILES.csv);
  const rows = parse(await readText(csvFile), { columns: true, skip_empty_lines: true }) as unknown[];
  const records = rows.map((row, i) => {
    const parsed = datasetRowSchema.safeParse(row);
    if (!parsed.success) {
      throw new TrainingError(
        'INVALID_DATA',
        `${csvFile} row ${i + 2}:\n${formatZodIssues(parsed.error.issues)}`,
      );
    }
    const { compound_id, num_rings, image } = parsed.data;
    const sha256 = manifest.data.images?.[image];
    return { source, compoundId: compound_id, numRings: num_rings, imagePath: path.join(dir, image), sha256 };
  });
  return { dir, source, datasetVersion: manifest.data.dataset_version, records };
}

/** "name=dir" or "dir" (name: the folder's base name). */
export function parseDatasetSpec(spec: string): { source: string; dir: string } {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/.exec(spec);
  const dir = path.resolve(match ? match[2] : spec);
  return { source: match ? match[1] : path.basename(dir), dir };
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new TrainingError(
      'INVALID_DATA',
      `cannot read ${file}: run the ingest first (npm run ingest -- --data_loc raw-data --file_name compounds.json --output_path data-science/data --dlq data-engineering/ingest/dlq.log)`,
      { cause: err },
    );
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TrainingError('INVALID_DATA', `${file} is not JSON: ${(err as Error).message}`, { cause: err });
  }
}
