// Contain-resize a lightness plane (see lightness.ts) in plain JavaScript.
// One pass per axis with precomputed weights, in ink (255 - lightness): white
// is 0 and contributes nothing, so a mostly white drawing costs little (about
// 0.1 ms for a 300x300 one), where the same steps as a libvips pipeline cost
// about 5 ms (pipeline set-up dominates for images this small).
import type { LightnessPlane } from './lightness';

/** Weights of one axis: output i reads `taps` inputs from first[i], weights[i * taps ...]. */
interface AxisWeights {
  first: Int32Array;
  taps: number;
  weights: Float32Array;
}

/** Weights by axis sizes: uploads mostly share a few sizes, and weights never change. */
const weightCache = new Map<string, { axis: AxisWeights; inputs?: InputWeights }>();
const WEIGHT_CACHE_SIZE = 64;
/** Longer axes (a 262144 x 1 PNG is within the reader's pixel limit) are computed each time, never kept. */
const WEIGHT_CACHE_MAX_INPUT = 2048;

function cachedWeights(inSize: number, outSize: number): { axis: AxisWeights; inputs?: InputWeights } {
  if (inSize > WEIGHT_CACHE_MAX_INPUT) return { axis: axisWeights(inSize, outSize) };
  const key = `${inSize}:${outSize}`;
  let weights = weightCache.get(key);
  if (!weights) {
    weights = { axis: axisWeights(inSize, outSize) };
    if (weightCache.size >= WEIGHT_CACHE_SIZE) weightCache.delete(weightCache.keys().next().value as string);
    weightCache.set(key, weights);
  }
  return weights;
}

/** The row axis's weights by input (built once per cached size; the column axis never needs them). */
function inputWeights(inSize: number, outSize: number): InputWeights {
  const weights = cachedWeights(inSize, outSize);
  weights.inputs ??= byInput(weights.axis, inSize);
  return weights.inputs;
}

/**
 * Triangle (linear) filter widened by the scale when shrinking, so every input
 * pixel contributes (antialiased, like Pillow's BILINEAR); plain linear
 * interpolation when enlarging. Each output's weights sum to 1.
 */
function axisWeights(inSize: number, outSize: number): AxisWeights {
  const scale = inSize / outSize;
  const radius = Math.max(1, scale);
  // inputs i with 1 - |i + 0.5 - center| / radius > 0: at most ceil(2 * radius) of them
  const taps = Math.min(inSize, Math.ceil(2 * radius));
  const first = new Int32Array(outSize);
  const weights = new Float32Array(outSize * taps);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    // Every output reads exactly `taps` inputs inside the image; those outside the filter weigh 0.
    const lo = Math.min(Math.max(0, Math.floor(center - radius - 0.5) + 1), inSize - taps);
    first[o] = lo;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const w = Math.max(0, 1 - Math.abs((lo + k + 0.5 - center) / radius));
      weights[o * taps + k] = w;
      sum += w;
    }
    for (let k = 0; k < taps; k++) weights[o * taps + k] /= sum;
  }
  return { first, taps, weights };
}

/** The same weights by input: input i feeds outputs target[j] with weight weight[j], for j from start[i] to start[i + 1]. */
interface InputWeights {
  start: Int32Array;
  target: Int32Array;
  weight: Float32Array;
}

function byInput({ first, taps, weights }: AxisWeights, inSize: number): InputWeights {
  const start = new Int32Array(inSize + 1);
  for (let o = 0; o < first.length; o++) for (let k = 0; k < taps; k++) start[first[o] + k + 1] += 1;
  for (let i = 0; i < inSize; i++) start[i + 1] += start[i];
  const next = start.slice(0, inSize);
  const target = new Int32Array(start[inSize]);
  const weight = new Float32Array(start[inSize]);
  for (let o = 0; o < first.length; o++) {
    for (let k = 0; k < taps; k++) {
      const j = next[first[o] + k]++;
      target[j] = o;
      weight[j] = weights[o * taps + k];
    }
  }
  return { start, target, weight };
}

/** Rows resampled to a new width, as ink, and which of them were blank (white from end to end). */
interface InkRows {
  ink: Float32Array;
  blank: Uint8Array;
}

/**
 * Every row of a width x height plane resampled to outW columns of ink. Each
 * inked pixel adds its share to the few outputs it feeds; white pixels, and
 * blank rows, cost only the scan that finds them.
 */
function resampleRows(
  plane: Uint8Array,
  width: number,
  height: number,
  outW: number,
  axis: InputWeights,
): InkRows {
  const { start, target, weight } = axis;
  const ink = new Float32Array(height * outW);
  const blank = new Uint8Array(height);
  const words =
    width % 4 === 0 && plane.byteOffset % 4 === 0
      ? new Uint32Array(plane.buffer, plane.byteOffset, plane.length >> 2)
      : null;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const span = inkSpan(plane, words, row, width);
    if (!span) {
      blank[y] = 1;
      continue;
    }
    const out = y * outW;
    for (let i = span[0]; i <= span[1]; i++) {
      const value = 255 - plane[row + i];
      if (value === 0) continue;
      for (let j = start[i]; j < start[i + 1]; j++) ink[out + target[j]] += weight[j] * value;
    }
  }
  return { ink, blank };
}

/** The first and last columns of a row that are not white (255), or null for a blank row. */
function inkSpan(
  plane: Uint8Array,
  words: Uint32Array | null,
  row: number,
  width: number,
): [number, number] | null {
  let from = 0;
  if (words) {
    // four white pixels at a time: a word of 0xffffffff
    const end = (row + width) >> 2;
    let w = row >> 2;
    while (w < end && words[w] === 0xffffffff) w++;
    if (w === end) return null;
    from = (w << 2) - row;
  }
  while (from < width && plane[row + from] === 255) from++;
  if (from === width) return null;
  let to = width - 1;
  while (plane[row + to] === 255) to--;
  return [from, to];
}

/**
 * Columns of outW-wide ink rows resampled to first.length rows, written into
 * out from offset as ink in [0, 1]. Blank input rows add nothing.
 */
function resampleColumnsInto(
  out: Float32Array,
  stride: number,
  offset: number,
  { ink, blank }: InkRows,
  outW: number,
  axis: AxisWeights,
): void {
  const { first, taps, weights } = axis;
  for (let y = 0; y < first.length; y++) {
    const dst = offset + y * stride;
    let inked = false;
    for (let k = 0; k < taps; k++) {
      const source = first[y] + k;
      if (blank[source]) continue;
      inked = true;
      const w = weights[y * taps + k];
      const src = source * outW;
      for (let x = 0; x < outW; x++) out[dst + x] += w * ink[src + x];
    }
    if (inked) for (let x = 0; x < outW; x++) out[dst + x] = Math.min(1, out[dst + x] / 255);
  }
}

/**
 * The image scaled to fit size x size keeping its aspect ratio, centred, as ink
 * values in [0, 1] (1 - lightness / 255; padding 0: the white background).
 * `invert: false` returns lightness / 255 instead (background 1).
 */
export function inkContainResize(plane: LightnessPlane, size: number, invert = true): Float32Array {
  const { light, width, height } = plane;
  const scale = Math.min(size / width, size / height);
  const outW = Math.max(1, Math.min(size, Math.round(width * scale)));
  const outH = Math.max(1, Math.min(size, Math.round(height * scale)));
  const left = Math.floor((size - outW) / 2);
  const top = Math.floor((size - outH) / 2);
  const rows = resampleRows(light, width, height, outW, inputWeights(width, outW));
  const out = new Float32Array(size * size);
  resampleColumnsInto(out, size, top * size + left, rows, outW, cachedWeights(height, outH).axis);
  if (!invert) for (let i = 0; i < out.length; i++) out[i] = 1 - out[i];
  return out;
}
