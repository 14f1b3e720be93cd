// Test images: molecules as the raw data draws them (in distribution), and the
// same kind of molecules drawn differently (thicker bonds, rotated, smaller,
// on a cream background) to show drift.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import initRDKitModule, { type MainModule } from '@rdkit/rdkit';
import sharp from 'sharp';

export const RAW_DATA_DIR = path.resolve(__dirname, '../../../../raw-data');

interface RawCompound {
  compound_id: string;
  smiles: string;
  image: string;
  num_rings: number;
}

/** The raw batch's well-formed records, in file order. */
export async function rawCompounds(): Promise<RawCompound[]> {
  const records = JSON.parse(
    await fs.readFile(path.join(RAW_DATA_DIR, 'compounds.json'), 'utf8'),
  ) as unknown[];
  return records.filter(
    (r): r is RawCompound =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as RawCompound).compound_id === 'string' &&
      (r as RawCompound).compound_id.startsWith('NSC') &&
      typeof (r as RawCompound).smiles === 'string' &&
      typeof (r as RawCompound).image === 'string' &&
      typeof (r as RawCompound).num_rings === 'number',
  );
}

/**
 * Every k-th compound from offset r, n of them: interleaved picks are alike,
 * while consecutive NSC numbers are not (the ordering follows the collection's history).
 */
export function interleaved<T>(items: T[], k: number, r: number, n: number): T[] {
  return items.filter((_, i) => i % k === r).slice(0, n);
}

/** PNG bytes of raw-data images (as drawn for training). */
export function readRawImages(compounds: RawCompound[]): Promise<Buffer[]> {
  return Promise.all(compounds.map((c) => fs.readFile(path.join(RAW_DATA_DIR, c.image))));
}

let rdkit: Promise<MainModule> | undefined;

/** A depiction style other than the raw data's: RDKit drawing options. */
export const DIFFERENT_STYLE = {
  width: 300,
  height: 300,
  bondLineWidth: 5,
  rotate: 35,
  fixedBondLength: 18,
  backgroundColour: [0.96, 0.94, 0.82, 1],
};

/** The molecules redrawn in DIFFERENT_STYLE, as PNG bytes. */
export async function drawDifferently(compounds: RawCompound[]): Promise<Buffer[]> {
  rdkit ??= initRDKitModule().then((module) => {
    module.disable_logging();
    return module;
  });
  const module = await rdkit;
  return Promise.all(
    compounds.map((c) => {
      const mol = module.get_mol(c.smiles);
      if (!mol) throw new Error(`RDKit cannot parse ${c.compound_id}`);
      try {
        const svg = mol.get_svg_with_highlights(JSON.stringify(DIFFERENT_STYLE));
        return sharp(Buffer.from(svg)).png().toBuffer();
      } finally {
        mol.delete();
      }
    }),
  );
}
