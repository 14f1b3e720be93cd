import { drawLinesByHand } from './hand-drawn-lines';
import { loadRdkit } from './render-molecule';

let svg: string;

beforeAll(async () => {
  const rdkit = await loadRdkit();
  // A wedge (stereo centre) beside plain single and double bonds.
  const mol = rdkit.get_mol('C[C@H](N)c1ccccc1C(=O)NCl')!;
  svg = mol.get_svg_with_highlights(JSON.stringify({ width: 300, height: 300 }));
  mol.delete();
}, 60_000);

const bondPaths = (text: string) =>
  [...text.matchAll(/<path class='bond-[^']*' d='([^']*)'/g)].map((m) => m[1]!);

describe('drawLinesByHand', () => {
  it('when bonds are redrawn, then each straight stroke becomes a curve and the wedge stays', () => {
    const before = bondPaths(svg);
    const after = bondPaths(drawLinesByHand(svg, 'seed'));
    expect(after).toHaveLength(before.length);
    const wedges = before.filter((d) => d.endsWith('Z'));
    expect(wedges).toHaveLength(1);
    expect(after.filter((d) => d.includes(' Q '))).toHaveLength(before.length - wedges.length);
    expect(after).toContain(wedges[0]);
  });

  it('when the seed is the same, then so is the drawing; when it differs, so does the drawing', () => {
    expect(drawLinesByHand(svg, 'a')).toBe(drawLinesByHand(svg, 'a'));
    expect(drawLinesByHand(svg, 'a')).not.toBe(drawLinesByHand(svg, 'b'));
  });

  it('then every point stays within 8% of a bond plus 1.5 px of the straight line', () => {
    const straight = bondPaths(svg).filter((d) => !d.endsWith('Z'));
    const curved = bondPaths(drawLinesByHand(svg, 'seed')).filter((d) => d.includes(' Q '));
    straight.forEach((d, i) => {
      const [x0, y0, x1, y1] = d.match(/[\d.]+/g)!.map(Number) as [number, number, number, number];
      const [a, b, cx, cy, c, e] = curved[i]!.match(/[\d.]+/g)!.map(Number) as number[];
      const reach = 0.08 * Math.hypot(x1 - x0, y1 - y0) + 1.6;
      expect(Math.hypot(a! - x0, b! - y0)).toBeLessThanOrEqual(1.6 * Math.SQRT2);
      expect(Math.hypot(c! - x1, e! - y1)).toBeLessThanOrEqual(1.6 * Math.SQRT2);
      const distance =
        Math.abs((x1 - x0) * (y0 - cy!) - (x0 - cx!) * (y1 - y0)) / Math.hypot(x1 - x0, y1 - y0);
      expect(distance).toBeLessThanOrEqual(reach);
    });
  });
});
