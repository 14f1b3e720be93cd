import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MainModule } from '@rdkit/rdkit';
import { classifyRingKind, readRingFacts, type RingKind } from '../analysis/ring-kind';
import { compoundIdOfSourceLine } from '../shared/compound-id';
import { mapOrdered } from '../shared/map-ordered';
import { REPO_ROOT } from '../shared/repo-root';
import type { ProgressEvent } from '../shared/progress';
import { stableStringify } from '../shared/stable-json';
import { writeBadRecords, type SampleRecord } from './bad-records';
import { readSmiles, type SmilesEntry } from './read-smiles';
import { chooseDrawingStyle, type StyleSet } from './drawing-styles';
import { drawMolecule, IMAGE_SIZE, loadRdkit, rasterise } from './render-molecule';
import { DataEngineeringError } from '../shared/errors';
import { removeTree } from '../shared/remove-tree';

/** Options of {@link buildRawData}. */
export interface BuildRawDataOptions {
  /** A .smi file: SMILES, a tab, an identifier per line. */
  source: string;
  /** Folder that receives compounds.json and images/ (replaced if present). */
  out: string;
  /** Source lines to skip first. */
  offset?: number;
  /** At most this many molecules. */
  limit?: number;
  /** Prepended to each source id to make the compound_id (e.g. NSC). */
  idPrefix?: string;
  /** Append the documented deliberately bad records (default true). */
  badRecords?: boolean;
  /**
   * Drawing style set (default: RDKit's own drawing, as in raw-data/). `train`
   * and `unseen` pick a style per molecule from its compound id; ids and labels
   * stay those of the default rendering.
   */
  style?: StyleSet;
  /**
   * Which drawing of the set each molecule gets (default 0): another variant
   * draws the same molecules in other styles of the set, so several folders
   * can hold several drawings of each. Needs `train` or `unseen`.
   */
  styleVariant?: number;
  /**
   * Render only the molecules of these ring kinds (as `ring-kinds` labels
   * them); the others are left out and counted. Unparseable molecules stay,
   * as records without an image.
   */
  ringKinds?: readonly RingKind[];
  /** Images rasterised at once (sharp runs on libuv's pool). */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Where the repository lives; the bad symlink points at its package.json. */
  repoRoot?: string;
}

/** What {@link buildRawData} wrote. */
export interface BuildRawDataResult {
  out: string;
  /** The drawing style set the images were rendered in, and which variant of it. */
  style: StyleSet;
  styleVariant: number;
  /** Records in compounds.json, bad ones included. */
  records: number;
  rendered: number;
  /** Molecules RDKit could not parse: records with `image: null`. */
  unparseable: string[];
  /** Molecules left out because their ring kind was not asked for (`ringKinds`). */
  otherKinds: number;
  badRecords: number;
  seconds: number;
  imagesPerSecond: number;
}

interface RawRecord {
  compound_id: string;
  smiles: string;
  num_rings: number | null;
  image: string | null;
}

/**
 * Renders each molecule of a .smi source as a 300x300 palette PNG and writes
 * `<out>/compounds.json` and `<out>/images/`; byte-identical for the same input.
 * Output is built in a staging folder inside `out` and moved into place at the end.
 */
export async function buildRawData(options: BuildRawDataOptions): Promise<BuildRawDataResult> {
  const started = process.hrtime.bigint();
  if ((options.styleVariant ?? 0) !== 0 && (options.style ?? 'default') === 'default') {
    throw new DataEngineeringError('INVALID_OPTIONS', 'a style variant needs the train or unseen style set');
  }
  const entries = await readSmiles(options.source, options.offset ?? 0, options.limit);
  const out = path.resolve(options.out);
  const stage = path.join(out, `.build-${process.pid}`);
  removeTree(stage);
  await mkdir(path.join(stage, 'images'), { recursive: true });

  const rdkit = await loadRdkit();
  const prefix = options.idPrefix ?? '';
  const style = options.style ?? 'default';
  const variant = options.styleVariant ?? 0;
  const wanted = ringKindFilter(rdkit, options.ringKinds);
  const records: RawRecord[] = [];
  let sample: SampleRecord | undefined;
  let done = 0;
  const render = async (entry: SmilesEntry): Promise<(RawRecord & { png?: Buffer }) | null> => {
    if (!wanted(entry.smiles)) return null;
    const compoundId = compoundIdOfSourceLine(`${prefix}${entry.sourceId}`, options.source, entry.line);
    const drawingStyle = chooseDrawingStyle(style, compoundId, IMAGE_SIZE, variant);
    const drawing = drawMolecule(rdkit, entry.smiles, drawingStyle);
    if (!drawing) return { compound_id: compoundId, smiles: entry.smiles, num_rings: null, image: null };
    const png = await rasterise(drawing.svg);
    const image = `images/${compoundId}.png`;
    await writeFile(path.join(stage, image), png);
    return { compound_id: compoundId, smiles: entry.smiles, num_rings: drawing.numRings, image, png };
  };
  for await (const rendered of mapOrdered(entries, options.concurrency ?? 8, render)) {
    done += 1;
    options.onProgress?.({ done, fraction: done / entries.length });
    if (!rendered) continue;
    const { png, ...record } = rendered;
    records.push(record);
    if (!sample && png && record.num_rings !== null && record.image !== null) {
      sample = { ...record, num_rings: record.num_rings, image: record.image, png };
    }
  }

  const bad =
    options.badRecords === false || !sample
      ? []
      : await writeBadRecords(
          path.join(stage, 'images'),
          path.join(out, 'images'),
          sample,
          path.join(options.repoRoot ?? REPO_ROOT, 'package.json'),
        );
  const all = [...records, ...bad.map((b) => b.record)];
  await writeFile(path.join(stage, 'compounds.json'), `[\n${all.map(stableStringify).join(',\n')}\n]\n`);
  await moveIntoPlace(stage, out);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const unparseable = records.filter((r) => r.image === null).map((r) => r.compound_id);
  const rendered = records.length - unparseable.length;
  return {
    out,
    style,
    styleVariant: variant,
    records: all.length,
    rendered,
    unparseable,
    otherKinds: entries.length - records.length,
    badRecords: bad.length,
    seconds,
    imagesPerSecond: rendered / seconds,
  };
}

/** Whether to draw a molecule: all, or those of the given ring kinds; unparseable ones stay, to be recorded. */
function ringKindFilter(
  rdkit: MainModule,
  kinds: readonly RingKind[] | undefined,
): (smiles: string) => boolean {
  if (!kinds) return () => true;
  const wanted = new Set(kinds);
  return (smiles) => {
    const facts = readRingFacts(rdkit, smiles);
    return facts === null || wanted.has(classifyRingKind(facts));
  };
}

/** Replaces `out/images` and `out/compounds.json` with the staged ones. */
async function moveIntoPlace(stage: string, out: string): Promise<void> {
  // compounds.json goes first so a crash never leaves it naming images that are gone.
  await rm(path.join(out, 'compounds.json'), { force: true });
  removeTree(path.join(out, 'images'));
  await rename(path.join(stage, 'images'), path.join(out, 'images'));
  await rename(path.join(stage, 'compounds.json'), path.join(out, 'compounds.json'));
  removeTree(stage);
}
