import { BenchError } from './errors';

/**
 * An export of a workspace that another part builds, or BenchError NOT_BUILT
 * naming the issue, so a benchmark of a part that has not landed fails clearly
 * instead of measuring something else.
 */
export async function requirePart<T>(
  load: () => Promise<object>,
  exportName: string,
  where: string,
): Promise<T> {
  let mod: Record<string, unknown>;
  try {
    mod = (await load()) as Record<string, unknown>;
  } catch (err) {
    throw new BenchError('NOT_BUILT', `not built yet: ${where} does not load: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (typeof mod[exportName] !== 'function') {
    throw new BenchError('NOT_BUILT', `not built yet: ${where} does not export ${exportName}`);
  }
  return mod[exportName] as T;
}
