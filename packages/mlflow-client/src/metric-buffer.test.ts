// The metric buffer: sends in order, when full, on its timer and on flush, and
// reports a failed background send at the next flush.
import { setTimeout as sleep } from 'node:timers/promises';
import { MetricBuffer } from './metric-buffer';
import type { MetricInput } from './types';

function recorder(fail?: (batch: number) => boolean) {
  const batches: MetricInput[][] = [];
  const send = async (metrics: MetricInput[]) => {
    await sleep(1);
    batches.push(metrics);
    if (fail?.(batches.length - 1)) throw new Error(`send ${batches.length - 1} failed`);
  };
  return { batches, send };
}

describe('MetricBuffer', () => {
  it('when maxBuffered values are added, then they go out in the background and in order', async () => {
    const { batches, send } = recorder();
    const buffer = new MetricBuffer({ send, flushIntervalMs: 0, maxBuffered: 3 });
    for (let step = 0; step < 7; step += 1) buffer.add({ key: 'loss', value: step, step });
    expect(buffer.size).toBe(1);
    await buffer.close();
    expect(batches.map((b) => b.map((m) => m.step))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('when values wait, then the timer flushes them without a call to flush', async () => {
    const { batches, send } = recorder();
    const buffer = new MetricBuffer({ send, flushIntervalMs: 20, maxBuffered: 1000 });
    buffer.add({ key: 'acc', value: 0.5 });
    await sleep(150);
    expect(batches).toHaveLength(1);
    await buffer.close();
    expect(batches).toHaveLength(1);
  });

  it('when a value is added without a timestamp, then it is stamped at add time', async () => {
    const { batches, send } = recorder();
    const buffer = new MetricBuffer({ send, flushIntervalMs: 0, maxBuffered: 10 });
    const before = Date.now();
    buffer.add({ key: 'a', value: 1 });
    buffer.add({ key: 'b', value: 2, timestamp: 42 });
    await buffer.flush();
    expect(batches[0][0].timestamp).toBeGreaterThanOrEqual(before);
    expect(batches[0][1].timestamp).toBe(42);
  });

  it('when a background send fails, then the next flush throws it once and later sends still happen', async () => {
    const { batches, send } = recorder((n) => n === 0);
    const buffer = new MetricBuffer({ send, flushIntervalMs: 0, maxBuffered: 2 });
    buffer.add({ key: 'a', value: 1 });
    buffer.add({ key: 'a', value: 2 });
    buffer.add({ key: 'a', value: 3 });
    await expect(buffer.flush()).rejects.toThrow('send 0 failed');
    await expect(buffer.close()).resolves.toBeUndefined();
    expect(batches).toHaveLength(2);
  });

  it('when nothing is buffered, then flush sends nothing', async () => {
    const { batches, send } = recorder();
    await new MetricBuffer({ send, flushIntervalMs: 0, maxBuffered: 2 }).close();
    expect(batches).toEqual([]);
  });
});
