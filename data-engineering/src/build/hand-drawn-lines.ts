import { seededDraws } from './seeded-draws';

// A straight bond stroke as RDKit writes it: one move and one line.
const BOND_LINE = /(<path class='bond-[^']*' d=')M ([\d.-]+),([\d.-]+) L ([\d.-]+),([\d.-]+)(')/g;

/**
 * Redraws every straight bond stroke of an RDKit SVG as a slightly bowed,
 * wobbly curve with round ends, like a line drawn by hand. RDKit's own
 * comicMode does the same but draws its wobble from a process-wide random
 * generator, so a molecule's image would depend on what was drawn before it;
 * here the wobble comes from `seed` alone. Wedges and atom labels are kept.
 */
export function drawLinesByHand(svg: string, seed: string): string {
  const draw = seededDraws(seed);
  const jitter = (amount: number) => (draw() * 2 - 1) * amount;
  const curved = svg.replace(BOND_LINE, (_, head: string, ...rest: string[]) => {
    const [x0, y0, x1, y1] = rest.slice(0, 4).map(Number) as [number, number, number, number];
    const length = Math.hypot(x1 - x0, y1 - y0) || 1;
    // Bow sideways by up to 8% of the bond, at a point near the middle.
    const bow = jitter(0.08 * length);
    const along = 0.35 + draw() * 0.3;
    const cx = x0 + (x1 - x0) * along - ((y1 - y0) / length) * bow;
    const cy = y0 + (y1 - y0) * along + ((x1 - x0) / length) * bow;
    const ends = [x0 + jitter(1.5), y0 + jitter(1.5), x1 + jitter(1.5), y1 + jitter(1.5)].map(fixed);
    return `${head}M ${ends[0]},${ends[1]} Q ${fixed(cx)},${fixed(cy)} ${ends[2]},${ends[3]}'`;
  });
  return curved.replace(/stroke-linecap:butt/g, 'stroke-linecap:round');
}

const fixed = (value: number) => value.toFixed(1);
