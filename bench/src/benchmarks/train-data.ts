import { promises as fs } from 'node:fs';
import path from 'node:path';
import { preprocessImage, ringCountToClass } from '@rings/ring-model';
import { z } from 'zod';
import { BenchError } from '../errors';
import { RAW_DATA_DIR } from '../paths';

/** count images of size x size (row-major, one channel) and their class labels. */
export interface TrainingImages {
  count: number;
  size: number;
  x: Float32Array;
  y: Int32Array;
}

const usable = z.object({
  compound_id: z.string().regex(/^NSC\d+$/),
  num_rings: z.number().int().nonnegative(),
  image: z.string().regex(/^images\/NSC\d+\.png$/),
});

/** The first `count` good raw records, preprocessed exactly as training and serving do. */
export async function loadTrainingImages(
  count: number,
  size: number,
  numClasses: number,
): Promise<TrainingImages> {
  const text = await fs.readFile(path.join(RAW_DATA_DIR, 'compounds.json'), 'utf8').catch(() => {
    throw new BenchError('NOT_BUILT', 'not built yet: raw-data/compounds.json is missing (issue 3)');
  });
  const records = (JSON.parse(text) as unknown[]).flatMap((r) => {
    const parsed = usable.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  if (records.length < count) {
    throw new BenchError(
      'NOT_BUILT',
      `raw-data has ${records.length} usable records, the benchmark needs ${count}`,
    );
  }
  const x = new Float32Array(count * size * size);
  const y = new Int32Array(count);
  const chunk = 16;
  for (let i = 0; i < count; i += chunk) {
    const batch = records.slice(i, Math.min(count, i + chunk));
    const images = await Promise.all(
      batch.map(async (r) => preprocessImage(await fs.readFile(path.join(RAW_DATA_DIR, r.image)), { size })),
    );
    images.forEach((img, j) => {
      x.set(img.pixels, (i + j) * size * size);
      y[i + j] = ringCountToClass(batch[j].num_rings, numClasses);
    });
  }
  return { count, size, x, y };
}
