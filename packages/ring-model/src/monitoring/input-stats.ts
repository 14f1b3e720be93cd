import type { PreprocessedImage } from '../preprocess';

/**
 * Pixels at or above this value count as ink (preprocessed images have ink = 1,
 * background 0). Low on purpose: a 2-px RDKit bond on a 300-px image shrunk to
 * 64 px is a faint anti-aliased line, and at 0.5 most of it would vanish.
 */
export const INK_THRESHOLD = 0.2;

/** The cheap input statistics monitored for drift, in report order. */
export const INPUT_STAT_NAMES = [
  'ink_fraction',
  'mean_intensity',
  'bbox_area',
  'ink_density',
  'stroke_width',
  'components',
] as const;
export type InputStatName = (typeof INPUT_STAT_NAMES)[number];

/**
 * Statistics of one preprocessed image. All are O(size²) and need no model:
 * - ink_fraction: share of pixels that are ink;
 * - mean_intensity: mean pixel value (anti-aliasing and line greyness included);
 * - bbox_area: area of the ink's bounding box as a share of the image (drawing scale);
 * - ink_density: ink pixels per bounding-box pixel (how compact the drawing is);
 * - stroke_width: mean line width in pixels, 2 * ink / ink-background edges;
 * - components: 8-connected ink components (bonds network, atom labels, fragments).
 */
export type InputStats = Record<InputStatName, number>;

/** Compute the monitored statistics of one image (Float32Array of size*size, ink = 1). */
export function computeInputStats(image: PreprocessedImage): InputStats {
  const { pixels, size } = image;
  if (pixels.length !== size * size) {
    throw new RangeError(`image has ${pixels.length} pixels, expected ${size}x${size}`);
  }
  const ink = new Uint8Array(pixels.length);
  let sum = 0;
  let inkCount = 0;
  let top = size;
  let bottom = -1;
  let left = size;
  let right = -1;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const v = pixels[row * size + col];
      sum += v;
      if (v < INK_THRESHOLD) continue;
      ink[row * size + col] = 1;
      inkCount++;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
  }
  const boxPixels = inkCount > 0 ? (bottom - top + 1) * (right - left + 1) : 0;
  const edges = countInkEdges(ink, size);
  return {
    ink_fraction: inkCount / pixels.length,
    mean_intensity: sum / pixels.length,
    bbox_area: boxPixels / pixels.length,
    ink_density: boxPixels > 0 ? inkCount / boxPixels : 0,
    stroke_width: edges > 0 ? (2 * inkCount) / edges : 0,
    components: countComponents(ink, size),
  };
}

/** Sides between an ink pixel and a background pixel (outside the image counts as background). */
function countInkEdges(ink: Uint8Array, size: number): number {
  let edges = 0;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!ink[row * size + col]) continue;
      if (row === 0 || !ink[(row - 1) * size + col]) edges++;
      if (row === size - 1 || !ink[(row + 1) * size + col]) edges++;
      if (col === 0 || !ink[row * size + col - 1]) edges++;
      if (col === size - 1 || !ink[row * size + col + 1]) edges++;
    }
  }
  return edges;
}

/** Number of 8-connected ink components (iterative flood fill; marks visited pixels in a copy). */
function countComponents(ink: Uint8Array, size: number): number {
  const seen = new Uint8Array(ink.length);
  const stack = new Int32Array(ink.length);
  let components = 0;
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    components++;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const p = stack[--top];
      const row = Math.floor(p / size);
      const col = p % size;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const r = row + dr;
          const c = col + dc;
          if (r < 0 || r >= size || c < 0 || c >= size) continue;
          const q = r * size + c;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
  }
  return components;
}
