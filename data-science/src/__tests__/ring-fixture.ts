// A tiny dataset in the ingest output format: PNG drawings of N circles, labelled
// N rings, so a small CNN can learn it in a few epochs.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createRandom } from '../random';

export interface RingFixtureOptions {
  /** Images per ring count. */
  perClass?: number;
  /** Ring counts drawn: 0..maxRings. */
  maxRings?: number;
  /** Side of the PNGs in pixels. */
  pixels?: number;
  seed?: number;
  idPrefix?: string;
}

/** Write compound_rings.csv, images/ and manifest.json into a new temp folder; returns it. */
export async function makeRingFixture(options: RingFixtureOptions = {}): Promise<string> {
  const { perClass = 6, maxRings = 3, pixels = 96, seed = 1, idPrefix = 'C' } = options;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-fixture-'));
  await fs.mkdir(path.join(dir, 'images'));
  const random = createRandom(seed);
  const rows = ['compound_id,num_rings,image'];
  const hashes: Record<string, string> = {};
  for (let rings = 0; rings <= maxRings; rings++) {
    for (let i = 0; i < perClass; i++) {
      const id = `${idPrefix}${rings}x${i}`;
      const image = `images/${id}.png`;
      const png = await sharp(Buffer.from(circlesSvg(rings, pixels, random)))
        .png()
        .toBuffer();
      await fs.writeFile(path.join(dir, image), png);
      hashes[image] = createHash('sha256').update(png).digest('hex');
      rows.push(`${id},${rings},${image}`);
    }
  }
  await fs.writeFile(path.join(dir, 'compound_rings.csv'), `${rows.join('\n')}\n`);
  const version = createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16);
  const manifest = { schema_version: 1, dataset_version: version, records: rows.length - 1, images: hashes };
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

// Circles in distinct cells of a 3x3 grid, so they never overlap; a line
// through the middle stands in for bonds (ink that is not a ring).
function circlesSvg(rings: number, size: number, random: () => number): string {
  const cell = size / 3;
  const cells = Array.from({ length: 9 }, (_, i) => i).sort(() => random() - 0.5);
  const circles = cells.slice(0, rings).map((c) => {
    const cx = (c % 3) * cell + cell / 2;
    const cy = Math.floor(c / 3) * cell + cell / 2;
    const r = cell * (0.25 + 0.15 * random());
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="black" stroke-width="2"/>`;
  });
  const y = size * random();
  const line = `<line x1="0" y1="${y}" x2="${size}" y2="${size - y}" stroke="black" stroke-width="2"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="white"/>${line}${circles.join('')}</svg>`;
}
