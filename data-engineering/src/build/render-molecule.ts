import type { MainModule, Mol } from '@rdkit/rdkit';
import type { Sharp, SharpOptions } from 'sharp';
import type { DrawingStyle } from './drawing-styles';
import { drawLinesByHand } from './hand-drawn-lines';

/** Side of the square depiction in pixels. */
export const IMAGE_SIZE = 300;

/** What RDKit tells us about one molecule: its label and a vector depiction. */
export interface MoleculeDrawing {
  numRings: number;
  svg: string;
}

let rdkit: Promise<MainModule> | undefined;
let sharp: ((input: Buffer, options?: SharpOptions) => Sharp) | undefined;

/**
 * Loads the RDKit MinimalLib WASM module (and sharp) once per process, with
 * RDKit's logging off. Loaded on first use: importing this package for the
 * ingest should not pay for them.
 */
export function loadRdkit(): Promise<MainModule> {
  rdkit ??= Promise.all([import('@rdkit/rdkit'), import('sharp')]).then(
    async ([rdkitModule, sharpModule]) => {
      sharp = sharpModule.default;
      const module = await rdkitModule.default();
      // Parse failures are reported as records without an image, not as stderr noise.
      module.disable_logging();
      return module;
    },
  );
  return rdkit;
}

/**
 * Parses a SMILES and draws it, in RDKit's default style unless a style is given; null when RDKit cannot parse it. The label never depends on the style.
 */
export function drawMolecule(
  module: MainModule,
  smiles: string,
  style: DrawingStyle | null = null,
): MoleculeDrawing | null {
  const mol = module.get_mol(smiles);
  if (!mol) return null;
  try {
    if (!mol.is_valid()) return null;
    const descriptors = JSON.parse(mol.get_descriptors()) as { NumRings?: unknown };
    if (typeof descriptors.NumRings !== 'number') return null;
    return { numRings: descriptors.NumRings, svg: drawInStyle(mol, style) };
  } finally {
    mol.delete();
  }
}

function drawInStyle(mol: Mol, style: DrawingStyle | null): string {
  if (!style) return mol.get_svg(IMAGE_SIZE, IMAGE_SIZE);
  const svg = mol.get_svg_with_highlights(JSON.stringify(style.options));
  return style.handDrawnSeed === undefined ? svg : drawLinesByHand(svg, style.handDrawnSeed);
}

/**
 * Rasterises an RDKit SVG to a 300x300 palette PNG on white. A 16-colour palette
 * without dithering keeps RDKit's atom colours and anti-aliasing readable at
 * about 2 KB an image, and libimagequant is deterministic for a given input.
 */
export function rasterise(svg: string): Promise<Buffer> {
  if (!sharp) throw new Error('call loadRdkit() before rasterise()');
  return sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .png({ palette: true, colours: 16, dither: 0, effort: 1, compressionLevel: 9 })
    .toBuffer();
}
