import type { PredictionRecord } from '../../live/records';

/**
 * Predictions waiting to be written, bounded: while the database is slow or
 * down they wait here (the oldest dropped, and counted, beyond `limit`), so the
 * serving path never waits for it.
 */
export class PendingPredictions {
  private queue: PredictionRecord[] = [];
  dropped = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.queue.length;
  }

  push(record: PredictionRecord): void {
    this.queue.push(record);
    if (this.queue.length > this.limit) {
      this.queue.shift();
      this.dropped += 1;
    }
  }

  /** Take up to `count` of the oldest records (give them back with putBack if the write fails). */
  take(count: number): PredictionRecord[] {
    return this.queue.splice(0, count);
  }

  /** Return records whose write failed, ahead of newer ones, still within the limit. */
  putBack(records: PredictionRecord[]): void {
    this.queue = [...records, ...this.queue];
    const over = this.queue.length - this.limit;
    if (over > 0) {
      this.queue.splice(0, over);
      this.dropped += over;
    }
  }
}
