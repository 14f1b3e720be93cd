/** A fixed-capacity FIFO: pushing onto a full buffer evicts the oldest item. Memory stays bounded. */
export class RingBuffer<T> implements Iterable<T> {
  private readonly items: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Append an item; returns the evicted oldest item when the buffer was full. */
  push(item: T): T | undefined {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count++) % this.capacity] = item;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** Items, oldest first. */
  *[Symbol.iterator](): Iterator<T> {
    for (let k = 0; k < this.count; k++) yield this.items[(this.start + k) % this.capacity] as T;
  }

  toArray(): T[] {
    return [...this];
  }
}
