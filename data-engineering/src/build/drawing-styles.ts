import { seededDraws } from './seeded-draws';

/**
 * Named sets of drawing styles for build-raw-data. `default` is RDKit
 * MinimalLib's own drawing (what raw-data/ holds); `train` and `unseen` vary
 * the drawing per molecule, and are disjoint so that a model trained on
 * `train` can be tested on styles it never saw:
 *
 * | property            | train                          | unseen                                   |
 * | ------------------- | ------------------------------ | ---------------------------------------- |
 * | bondLineWidth (px)  | 1 to 3.5                       | 1.5 to 3.5, or thick: 4.5 to 6           |
 * | hand-drawn lines    | never                          | in some styles (bowed, wobbly bonds)     |
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
 * of hand-drawn lines, thick lines or tinted colours. Each RDKit option listed
 * changes the SVG of @rdkit/rdkit 2026.9.1; annotationFontScale, symbolColour,
 * bondColour and the boolean black-and-white flags do nothing through
 * MinimalLib's JSON and are not used (black-and-white is an atomColourPalette
 * with every element black). RDKit's comicMode is not used either: its wobble
 * comes from a process-wide random generator, so the same molecule came out
 * differently depending on what was drawn before it; hand-drawn-lines.ts bends
 * the bonds from the compound id instead.
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

/** How one molecule is drawn: RDKit's options, and the seed of hand-drawn bonds if any. */
export interface DrawingStyle {
  options: DrawOptions;
  handDrawnSeed?: string;
}

/**
 * The drawing style of one molecule in a style set; null for `default`
 * (RDKit's own `get_svg`). The choice is a pure function of the set, the
 * compound id and the variant, so it does not depend on source order or
 * concurrency; each variant is another independent draw from the set.
 */
export function chooseDrawingStyle(
  set: StyleSet,
  compoundId: string,
  size: number,
  variant = 0,
): DrawingStyle | null {
  if (set === 'default') return null;
  // Variant 0 keeps the key (and so the drawings) of the folders rendered before variants existed.
  const key = variant === 0 ? `${set}\0${compoundId}` : `${set}\0${variant}\0${compoundId}`;
  const draw = seededDraws(key);
  const between = (low: number, high: number) => round(low + draw() * (high - low));
  const geometry = {
    width: size,
    height: size,
    rotate: Math.floor(draw() * 360), // whole degrees in [0, 360)
    padding: between(0.03, 0.2),
    // Half the molecules fill the frame; the others keep a bond length, which shrinks small ones.
    ...(draw() < 0.5 ? {} : { fixedBondLength: between(15, 40) }),
    multipleBondOffset: between(0.1, 0.25),
  };
  const blackInk = draw() < 0.5;
  if (set === 'train') {
    const options: DrawOptions = {
      ...geometry,
      bondLineWidth: between(1, 3.5),
      baseFontSize: between(0.45, 0.75),
      minFontSize: between(5, 8),
      maxFontSize: between(28, 40),
      ...(blackInk ? { atomColourPalette: uniformPalette(BLACK) } : {}),
    };
    return { options };
  }
  // A non-empty subset of the three unseen traits: bit 0 hand-drawn, bit 1 thick, bit 2 tint.
  const traits = 1 + Math.floor(draw() * 7);
  const tint = TINTS[Math.floor(draw() * TINTS.length)]!;
  const options: DrawOptions = {
    ...geometry,
    bondLineWidth: traits & 2 ? between(4.5, 6) : between(1.5, 3.5),
    baseFontSize: between(0.85, 1.1),
    minFontSize: between(9, 12),
    maxFontSize: between(44, 56),
    ...(traits & 4
      ? { atomColourPalette: uniformPalette(tint.ink), backgroundColour: [...tint.background, 1] }
      : blackInk
        ? { atomColourPalette: uniformPalette(BLACK) }
        : {}),
  };
  return traits & 1 ? { options, handDrawnSeed: `${key}\0lines` } : { options };
}

function uniformPalette(colour: Rgb): Record<string, Rgb> {
  const palette: Record<string, Rgb> = { '-1': colour };
  for (let element = 0; element <= LAST_ELEMENT; element += 1) palette[element] = colour;
  return palette;
}

/** Two decimals keep the SVG (and so the PNG) independent of float printing noise. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
