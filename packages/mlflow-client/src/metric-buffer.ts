// Buffered metric logging: values collect in memory and go out in batches when
// the buffer is full, on a timer, and on flush/close. Sends never overlap, so
// the server sees metrics in the order they were logged.
import type { MetricInput } from './types';

export interface MetricBufferOptions {
  /** Sends one batch (the caller chunks it to the server limits). */
  send: (metrics: MetricInput[]) => Promise<void>;
  /** Flush at least this often while metrics are waiting; 0 disables the timer. */
  flushIntervalMs: number;
  /** Flush in the background as soon as this many metrics wait. */
  maxBuffered: number;
}

export class MetricBuffer {
  private pending: MetricInput[] = [];
  private sending: Promise<void> = Promise.resolve();
  private failure: unknown;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MetricBufferOptions) {
    if (options.flushIntervalMs > 0) {
      this.timer = setInterval(() => this.startFlush(), options.flushIntervalMs);
      this.timer.unref(); // never keeps the process alive
    }
  }

  /** Metrics waiting to be sent. */
  get size(): number {
    return this.pending.length;
  }

  /** Buffer one value, stamped now unless it carries a timestamp. */
  add(metric: MetricInput): void {
    this.pending.push({ ...metric, timestamp: metric.timestamp ?? Date.now() });
    if (this.pending.length >= this.options.maxBuffered) this.startFlush();
  }

  /** Send everything buffered; rethrows the first failure of any earlier send. */
  async flush(): Promise<void> {
    this.startFlush();
    await this.sending;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  /** Stop the timer and flush. */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.flush();
  }

  private startFlush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.sending = this.sending.then(() =>
      this.options.send(batch).catch((err: unknown) => {
        this.failure ??= err;
      }),
    );
  }
}
