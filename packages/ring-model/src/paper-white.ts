// Tinted or grey paper: lightness relative to the page's own white. A model
// that sums ink evidence over the whole image reads a cream or grey page as a
// faint layer of ink everywhere, and counts rings that are not there.
import type { LightnessPlane } from './lightness';

/** Below this the "paper" is dark (a negative, a photo): the plane is left as it is. */
const DARKEST_PAPER = 64;

/**
 * The paper's lightness: the plane's median (the lower one for an even count),
 * since a drawing's ink covers less than half of it.
 */
export function paperLightness(plane: LightnessPlane): number {
  const counts = new Uint32Array(256);
  for (const value of plane.light) counts[value] += 1;
  const rank = (plane.light.length - 1) >> 1;
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += counts[value];
    if (seen > rank) return value;
  }
  return 255;
}

/**
 * The plane with every lightness divided by the paper's (then clipped to white),
 * so tinted or grey paper reads as white and ink keeps its contrast to it. A
 * white page (or a dark one, see DARKEST_PAPER) comes back unchanged.
 */
export function onWhitePaper(plane: LightnessPlane): LightnessPlane {
  const paper = paperLightness(plane);
  if (paper === 255 || paper < DARKEST_PAPER) return plane;
  const light = new Uint8Array(plane.light.length);
  for (let i = 0; i < light.length; i++) {
    light[i] = Math.min(255, Math.round((plane.light[i] * 255) / paper));
  }
  return { ...plane, light };
}
