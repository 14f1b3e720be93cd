// Lightness: what preprocessing keeps of a pixel. Luma as Pillow's 'L' (299/587/114
// thousandths, in fixed point), alpha flattened on white, 0..255 integers.

/** Decoded 8-bit pixels, interleaved: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
export interface DecodedPixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** One lightness value (0 black .. 255 white) per pixel, row-major. */
export interface LightnessPlane {
  light: Uint8Array;
  width: number;
  height: number;
}

export function lumaOf(r: number, g: number, b: number): number {
  return (19595 * r + 38470 * g + 7471 * b + 32768) >>> 16;
}

/** A lightness seen through alpha (0..255) over a white background. */
export function flattenOnWhite(light: number, alpha: number): number {
  return alpha === 255 ? light : 255 - ((((255 - light) * alpha + 127) / 255) | 0);
}

/** The lightness plane of decoded pixels. */
export function lightnessOf(image: DecodedPixels): LightnessPlane {
  const { data, channels, width, height } = image;
  if (data.length < width * height * channels || channels < 1 || channels > 4) {
    throw new RangeError(`decoded pixels do not match ${width}x${height}x${channels}`);
  }
  const n = width * height;
  const light = new Uint8Array(n);
  const alphaAt = channels === 2 || channels === 4 ? channels - 1 : -1;
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const luma = channels >= 3 ? lumaOf(data[i], data[i + 1], data[i + 2]) : data[i];
    light[p] = alphaAt < 0 ? luma : flattenOnWhite(luma, data[i + alphaAt]);
  }
  return { light, width, height };
}
