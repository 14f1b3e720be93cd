import { createHash } from 'node:crypto';

/**
 * Named sets of drawing styles for build-raw-data. `default` is RDKit
 * MinimalLib's own drawing (what raw-data/ holds); `train` and `unseen` vary
 * the drawing per molecule, and are disjoint so that a model trained on
 * `train` can be tested on styles it never saw:
 *
 * | property            | train                          | unseen                                   |
 * | ------------------- | ------------------------------ | ---------------------------------------- |
 * | bondLineWidth (px)  | 1 to 3.5                       | 1.5 to 3.5, or thick: 4.5 to 6           |
 * | comicMode           | never                          | hand-drawn lines in some styles          |
 * | ink / background    | default colours or all black, on white | those, or tinted: dark blue, brown or green ink on cream, grey or pale blue |
 * | baseFontSize        | 0.45 to 0.75                   | 0.85 to 1.1                              |
 * | minFontSize (px)    | 5 to 8                         | 9 to 12                                  |
 * | maxFontSize (px)    | 28 to 40                       | 44 to 56                                 |
 * | rotate (degrees)    | 0 to 360                       | 0 to 360                                 |
 * | padding             | 0.03 to 0.2                    | 0.03 to 0.2                              |
 * | fixedBondLength (px)| none (fill the frame) or 15 to 40 | same                                  |
 * | multipleBondOffset  | 0.1 to 0.25                    | 0.1 to 0.25                              |
 *
 * Every unseen style has a font size range train never uses and at least one
 * of comic lines, thick lines or tinted colours. Each option listed changes the
 * SVG of @rdkit/rdkit 2026.9.1; annotationFontScale, symbolColour, bondColour
 * and the boolean black-and-white flags do nothing through MinimalLib's JSON and
 * are not used (black-and-white is an atomColourPalette with every element black).
 */
export const STYLE_SETS = ['default', 'train', 'unseen'] as const;
export type StyleSet = (typeof STYLE_SETS)[number];

type Rgb = [number, number, number];

/** The MolDrawOptions keys a style sets (RDKit's JSON spelling). */
export interface DrawOptions {
  width: number;
  height: number;
  bondLineWidth: number;
  rotate: number;
  padding: number;
  fixedBondLength?: number;
  multipleBondOffset: number;
  baseFontSize: number;
  minFontSize: number;
  maxFontSize: number;
  comicMode?: true;
  atomColourPalette?: Record<string, Rgb>;
  backgroundColour?: [...Rgb, number];
}

/** Highest atomic number RDKit knows; the palette covers -1 (default) and 0..118. */
const LAST_ELEMENT = 118;
const BLACK: Rgb = [0, 0, 0];
const TINTS: { ink: Rgb; background: Rgb }[] = [
  { ink: [0.08, 0.12, 0.45], background: [1, 0.97, 0.86] }, // dark blue on cream
  { ink: [0.4, 0.24, 0.1], background: [0.9, 0.9, 0.9] }, // brown on grey
  { ink: [0.08, 0.3, 0.14], background: [0.88, 0.93, 1] }, // dark green on pale blue
];

/**
 * The drawing options of one molecule in a style set; null for `default`
 * (RDKit's own `get_svg`). The choice is a pure function of the set and the
 * compound id, so it does not depend on source order or concurrency.
 */
export function chooseDrawOptions(set: StyleSet, compoundId: string, size: number): DrawOptions | null {
  if (set === 'default') return null;
  const draw = seededDraws(`${set}\0${compoundId}`);
  const between = (low: number, high: number) => round(low + draw() * (high - low));
  const geometry = {
    width: size,
    height: size,
    rotate: between(0, 360),
    padding: between(0.03, 0.2),
    // Half the molecules fill the frame; the others keep a bond length, which shrinks small ones.
    ...(draw() < 0.5 ? {} : { fixedBondLength: between(15, 40) }),
    multipleBondOffset: between(0.1, 0.25),
  };
  const blackInk = draw() < 0.5;
  if (set === 'train') {
    return {
      ...geometry,
      bondLineWidth: between(1, 3.5),
      baseFontSize: between(0.45, 0.75),
      minFontSize: between(5, 8),
      maxFontSize: between(28, 40),
      ...(blackInk ? { atomColourPalette: uniformPalette(BLACK) } : {}),
    };
  }
  // A non-empty subset of the three unseen traits: bit 0 comic, bit 1 thick, bit 2 tint.
  const traits = 1 + Math.floor(draw() * 7);
  const tint = TINTS[Math.floor(draw() * TINTS.length)]!;
  return {
    ...geometry,
    bondLineWidth: traits & 2 ? between(4.5, 6) : between(1.5, 3.5),
    baseFontSize: between(0.85, 1.1),
    minFontSize: between(9, 12),
    maxFontSize: between(44, 56),
    ...(traits & 1 ? { comicMode: true } : {}),
    ...(traits & 4
      ? { atomColourPalette: uniformPalette(tint.ink), backgroundColour: [...tint.background, 1] }
      : blackInk
        ? { atomColourPalette: uniformPalette(BLACK) }
        : {}),
  };
}

function uniformPalette(colour: Rgb): Record<string, Rgb> {
  const palette: Record<string, Rgb> = { '-1': colour };
  for (let element = 0; element <= LAST_ELEMENT; element += 1) palette[element] = colour;
  return palette;
}

/** Uniform numbers in [0, 1) from the SHA-256 of a key: eight draws, then it repeats with a counter. */
function seededDraws(key: string): () => number {
  let block = 0;
  let digest = Buffer.alloc(0);
  let index = 0;
  return () => {
    if (index * 4 >= digest.length) {
      digest = createHash('sha256').update(`${key}\0${block}`).digest();
      block += 1;
      index = 0;
    }
    const value = digest.readUInt32BE(index * 4) / 2 ** 32;
    index += 1;
    return value;
  };
}

/** Two decimals keep the SVG (and so the PNG) independent of float printing noise. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
