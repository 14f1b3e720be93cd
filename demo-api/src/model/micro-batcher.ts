import { performance } from 'node:perf_hooks';
import { ApiError } from '../errors';

export interface MicroBatcherOptions {
  /** Most items per call of run. */
  maxBatchSize: number;
  /** How long the first queued item waits for company before the batch runs. */
  windowMs: number;
  /** Queued items beyond this are refused (503 OVERLOADED) instead of waiting forever. */
  queueLimit: number;
}

/** What one batch cost, for metrics. */
export interface BatchStats {
  size: number;
  /** Per item: seconds between submit and the start of its batch. */
  queueSeconds: number[];
  runSeconds: number;
}

interface Queued<I, O> {
  item: I;
  enqueuedAt: number;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Gathers concurrent submissions for up to windowMs (or until maxBatchSize are
 * waiting) and runs them as one batch; one batch at a time, the next one
 * gathering meanwhile. Under light traffic (the last batch held one item) a
 * lone item does not wait the window. run must return one output per input,
 * in order.
 */
export class MicroBatcher<I, O> {
  private readonly queue: Queued<I, O>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Items in the last batch: 1 means light traffic, where nobody is likely to join a lone item. */
  private lastSize = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: MicroBatcherOptions,
    private readonly onBatch?: (stats: BatchStats) => void,
  ) {}

  /** Items waiting for a batch. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queue one item; resolves with its output when its batch has run. */
  submit(item: I): Promise<O> {
    if (this.queue.length >= this.options.queueLimit) {
      return Promise.reject(
        new ApiError('OVERLOADED', 'too many predictions are waiting; retry shortly', undefined, {
          headers: { 'Retry-After': '1' },
        }),
      );
    }
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, enqueuedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running) return; // the running batch schedules the next one when it ends
    if (this.queue.length >= this.options.maxBatchSize) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.flush();
    } else if (this.lastSize === 1 && this.queue.length === 1) {
      // Light traffic: run at the next turn of the loop (items submitted in this one still join).
      setImmediate(() => void this.flush());
    } else {
      this.timer ??= setTimeout(() => void this.flush(), this.options.windowMs);
    }
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.queue.splice(0, this.options.maxBatchSize);
    this.lastSize = batch.length;
    const started = performance.now();
    try {
      const outputs = await this.run(batch.map((q) => q.item));
      batch.forEach((q, i) => q.resolve(outputs[i]));
    } catch (err) {
      batch.forEach((q) => q.reject(err));
    } finally {
      this.running = false;
      this.onBatch?.({
        size: batch.length,
        queueSeconds: batch.map((q) => (started - q.enqueuedAt) / 1000),
        runSeconds: (performance.now() - started) / 1000,
      });
      // Whatever arrived during the batch has waited long enough: run it next, after
      // pending I/O callbacks have had a chance to add to it.
      if (this.queue.length > 0) setImmediate(() => void this.flush());
    }
  }
}
