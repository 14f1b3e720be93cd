import { makeSyntheticRawSet } from '@rings/data-engineering';
import { RAW_DATA_DIR } from '../paths';

/** A raw set of `count` synthetic records (hard links to the committed images), by data-engineering's maker. */
export async function makeLargeRawSet(dir: string, count: number): Promise<string> {
  const made = await makeSyntheticRawSet({ from: RAW_DATA_DIR, out: dir, count });
  return made.out;
}
