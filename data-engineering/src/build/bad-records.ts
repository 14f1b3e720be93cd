import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { ihdrData, PNG_SIGNATURE, pngChunk } from '../shared/png';

/** A good record whose image the bad ones borrow or corrupt. */
export interface SampleRecord {
  compound_id: string;
  smiles: string;
  num_rings: number;
  image: string;
  png: Buffer;
}

/** One deliberately bad record: what it shows, and the record as written. */
export interface BadRecord {
  kind: string;
  record: unknown;
}

/**
 * Writes the bad records' image files into `imagesDir` and returns the records.
 * The bad symlink is relative, computed from `finalImagesDir` (where the images
 * folder ends up) to `outsideTarget`, so it resolves in any clone.
 */
export async function writeBadRecords(
  imagesDir: string,
  finalImagesDir: string,
  sample: SampleRecord,
  outsideTarget: string,
): Promise<BadRecord[]> {
  const { png, ...good } = sample;
  const file = (id: string) => `images/${id}.png`;
  const put = (id: string, bytes: Buffer) => writeFile(path.join(imagesDir, `${id}.png`), bytes);
  const base = (id: string, image = good.image) => ({ ...good, compound_id: id, image });

  await put('BAD-truncated-png', png.subarray(0, Math.floor(png.length / 2)));
  await put('BAD-not-an-image', Buffer.from('compound_id,num_rings\nthis is CSV text, not a PNG\n'));
  await put('BAD-empty-file', Buffer.alloc(0));
  await put('BAD-huge-dimensions', hugeDimensionsPng());
  await symlink(
    path.relative(finalImagesDir, outsideTarget),
    path.join(imagesDir, 'BAD-symlink-outside.png'),
  );

  return [
    {
      kind: 'wrong types',
      record: { compound_id: 'BAD-wrong-types', smiles: 42, num_rings: '2', image: true },
    },
    { kind: 'negative ring count', record: { ...base('BAD-negative-rings'), num_rings: -1 } },
    { kind: 'fractional ring count', record: { ...base('BAD-fractional-rings'), num_rings: 2.5 } },
    { kind: 'missing keys', record: { compound_id: 'BAD-missing-keys' } },
    { kind: 'not an object', record: null },
    { kind: 'unsafe compound_id', record: base('../BAD-unsafe-id') },
    { kind: 'duplicate id, conflicting label', record: { ...good, num_rings: good.num_rings + 1 } },
    { kind: 'path escapes data_loc', record: base('BAD-path-traversal', 'images/../../package.json') },
    { kind: 'absolute path', record: base('BAD-absolute-path', '/etc/passwd') },
    { kind: 'symlink pointing outside', record: base('BAD-symlink-outside', file('BAD-symlink-outside')) },
    { kind: 'image file missing', record: base('BAD-missing-file', file('BAD-missing-file')) },
    { kind: 'truncated PNG', record: base('BAD-truncated-png', file('BAD-truncated-png')) },
    { kind: 'non-image bytes named .png', record: base('BAD-not-an-image', file('BAD-not-an-image')) },
    { kind: '0-byte file', record: base('BAD-empty-file', file('BAD-empty-file')) },
    { kind: 'header claims 30000x30000', record: base('BAD-huge-dimensions', file('BAD-huge-dimensions')) },
  ];
}

/** A 100-byte PNG whose IHDR claims 30000x30000 8-bit grey pixels (900 MB decoded). */
function hugeDimensionsPng(): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdrData(30000, 30000)),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
