import { MicroBatcher, type BatchStats } from './micro-batcher';

describe('MicroBatcher', () => {
  const double = async (items: number[]) => items.map((x) => x * 2);

  it('when items arrive together, then they run as one batch and each gets its own output', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        batches.push(items);
        return double(items);
      },
      { maxBatchSize: 8, windowMs: 5, queueLimit: 100 },
    );
    await expect(Promise.all([1, 2, 3].map((x) => batcher.submit(x)))).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('when more than maxBatchSize arrive, then batches are cut at that size, one at a time', async () => {
    const stats: BatchStats[] = [];
    let running = 0;
    let overlap = false;
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        running += 1;
        overlap ||= running > 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return double(items);
      },
      { maxBatchSize: 4, windowMs: 50, queueLimit: 100 },
      (s) => stats.push(s),
    );
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i)));
    expect(out).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(stats.map((s) => s.size)).toEqual([4, 4, 2]);
    expect(overlap).toBe(false);
    expect(stats[0].queueSeconds).toHaveLength(4);
  });

  it('when a lone item waits, then it runs after the window, not before', async () => {
    const batcher = new MicroBatcher(double, { maxBatchSize: 8, windowMs: 30, queueLimit: 100 });
    const started = Date.now();
    await batcher.submit(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('when the last batch held one item (light traffic), then a lone item runs without waiting the window', async () => {
    const batcher = new MicroBatcher(double, { maxBatchSize: 8, windowMs: 500, queueLimit: 100 });
    await batcher.submit(1); // the first lone item waits: nothing is known about the traffic yet
    const started = Date.now();
    await expect(batcher.submit(2)).resolves.toBe(4);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('when the last batch held several items, then a lone item waits the window for company', async () => {
    const batcher = new MicroBatcher(double, { maxBatchSize: 8, windowMs: 300, queueLimit: 100 });
    await Promise.all([batcher.submit(1), batcher.submit(2)]);
    const started = Date.now();
    await batcher.submit(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('when the queue is full, then the next item is refused with 503 OVERLOADED', async () => {
    const batcher = new MicroBatcher(double, { maxBatchSize: 8, windowMs: 20, queueLimit: 2 });
    const accepted = [batcher.submit(1), batcher.submit(2)];
    await expect(batcher.submit(3)).rejects.toMatchObject({ code: 'OVERLOADED', status: 503 });
    await expect(Promise.all(accepted)).resolves.toEqual([2, 4]);
  });

  it('when a batch fails, then every item of it fails and the next batch still runs', async () => {
    let calls = 0;
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return double(items);
      },
      { maxBatchSize: 8, windowMs: 1, queueLimit: 100 },
    );
    const failed = [batcher.submit(1), batcher.submit(2)];
    await expect(Promise.all(failed)).rejects.toThrow('boom');
    await expect(Promise.allSettled(failed)).resolves.toEqual([
      expect.objectContaining({ status: 'rejected' }),
      expect.objectContaining({ status: 'rejected' }),
    ]);
    await expect(batcher.submit(3)).resolves.toBe(6);
  });
});
