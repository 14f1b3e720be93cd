import { promises as fs } from 'node:fs';
import path from 'node:path';
import { requirePart } from '../parts';
import { RAW_DATA_DIR } from '../paths';

interface SyntheticOptions {
  from: string;
  out: string;
  count: number;
}

/** A raw set of `records` synthetic records made from the committed images by data-engineering's maker. */
export async function makeLargeRawSet(dir: string, records: number): Promise<string> {
  const make = await requirePart<(o: SyntheticOptions) => Promise<unknown>>(
    () => import('@rings/data-engineering'),
    'makeSyntheticRawSet',
    '@rings/data-engineering (issue 3: the synthetic raw-set maker)',
  );
  await fs.rm(dir, { recursive: true, force: true });
  await make({ from: RAW_DATA_DIR, out: dir, count: records });
  await fs.access(path.join(dir, 'compounds.json'));
  return dir;
}
