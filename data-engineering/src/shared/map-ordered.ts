/**
 * Runs `fn` over `items` with at most `concurrency` calls in flight and yields
 * the results in input order, so decisions that depend on order (first id wins)
 * stay deterministic while the slow parts (image I/O on libuv's pool) overlap.
 */
export async function* mapOrdered<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  for await (const item of items) {
    const pending = fn(item);
    // Marks the rejection as handled now; it is rethrown when its turn comes.
    pending.catch(() => undefined);
    window.push(pending);
    if (window.length >= concurrency) yield await (window.shift() as Promise<R>);
  }
  while (window.length > 0) yield await (window.shift() as Promise<R>);
}
