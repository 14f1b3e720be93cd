import { computeInputStats } from './input-stats';

/** A size x size background image with the given pixels set to ink. */
function image(
  size: number,
  ink: Array<[number, number]>,
  value = 1,
): { pixels: Float32Array; size: number } {
  const pixels = new Float32Array(size * size);
  for (const [row, col] of ink) pixels[row * size + col] = value;
  return { pixels, size };
}

/** Pixels of a filled rectangle. */
function rect(top: number, left: number, height: number, width: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let r = top; r < top + height; r++) for (let c = left; c < left + width; c++) out.push([r, c]);
  return out;
}

describe('computeInputStats', () => {
  it('when the image is blank, then every statistic is 0', () => {
    expect(computeInputStats(image(8, []))).toEqual({
      ink_fraction: 0,
      mean_intensity: 0,
      bbox_area: 0,
      ink_density: 0,
      stroke_width: 0,
      components: 0,
    });
  });

  it('when there is one 2x8 bar on a 10x10 image, then the statistics are the hand-computed ones', () => {
    const stats = computeInputStats(image(10, rect(4, 1, 2, 8)));
    expect(stats.ink_fraction).toBeCloseTo(16 / 100, 12);
    expect(stats.mean_intensity).toBeCloseTo(16 / 100, 6);
    expect(stats.bbox_area).toBeCloseTo(16 / 100, 12);
    expect(stats.ink_density).toBe(1);
    // 16 ink pixels, edges: 8 on top, 8 below, 2 at each end = 20; 2 * 16 / 20.
    expect(stats.stroke_width).toBeCloseTo(1.6, 12);
    expect(stats.components).toBe(1);
  });

  it('when two blobs touch only diagonally, then they are one 8-connected component', () => {
    expect(computeInputStats(image(6, [...rect(0, 0, 2, 2), ...rect(2, 2, 2, 2)])).components).toBe(1);
    expect(computeInputStats(image(6, [...rect(0, 0, 2, 2), ...rect(3, 3, 2, 2)])).components).toBe(2);
  });

  it('when two separate dots sit in opposite corners, then the bounding box spans the image', () => {
    const stats = computeInputStats(
      image(5, [
        [0, 0],
        [4, 4],
      ]),
    );
    expect(stats.bbox_area).toBe(1);
    expect(stats.ink_density).toBeCloseTo(2 / 25, 12);
    expect(stats.components).toBe(2);
    expect(stats.stroke_width).toBeCloseTo(0.5, 12); // a lone pixel has 4 edges
  });

  it('when lines are thicker, then stroke_width grows with them', () => {
    const thin = computeInputStats(image(40, rect(10, 2, 1, 36))).stroke_width;
    const thick = computeInputStats(image(40, rect(10, 2, 4, 36))).stroke_width;
    expect(thin).toBeCloseTo(1, 0);
    expect(thick).toBeCloseTo(4, 0);
  });

  it('when ink is grey (below the ink threshold), then it counts in the mean intensity only', () => {
    const stats = computeInputStats(image(4, rect(0, 0, 2, 2), 0.1));
    expect(stats.mean_intensity).toBeCloseTo(0.1 / 4, 6);
    expect(stats.ink_fraction).toBe(0);
  });

  it('when the pixel count does not match the size, then it throws', () => {
    expect(() => computeInputStats({ pixels: new Float32Array(10), size: 4 })).toThrow(RangeError);
  });
});
