// Progress within an epoch: a tfjs callback that reports every batch of a fit
// and lets the event loop run a few times a second, so progress output (a
// notebook's display messages) and signal handlers get their turn mid-epoch.
import { tf } from '@rings/ring-model';

/** Where training stands after one batch. */
export interface BatchProgress {
  /** 1-based epoch and the number of epochs. */
  epoch: number;
  epochs: number;
  /** Batches done in this epoch (1-based) and batches per epoch. */
  batch: number;
  batches: number;
  /** Training images done in this epoch and images per epoch. */
  images: number;
  epochImages: number;
  /** Wall time of this epoch's fit so far. */
  seconds: number;
}

/** Called after every batch: keep it cheap (a renderer throttles itself). */
export type BatchProgressHook = (progress: BatchProgress) => void;

/** How often a fit gives the event loop a turn. */
const YIELD_EVERY_MS = 200;

/** Where one single-epoch fit is: which epoch, how big, when it began (performance.now()). */
export interface FitPosition {
  epoch: number;
  epochs: number;
  epochImages: number;
  batchSize: number;
  started: number;
}

class BatchProgressCallback extends tf.Callback {
  private lastYield = performance.now();
  private readonly batches: number;

  constructor(
    private readonly at: FitPosition,
    private readonly hook: BatchProgressHook | undefined,
  ) {
    super();
    this.batches = Math.ceil(at.epochImages / at.batchSize);
  }

  override async onBatchEnd(batch: number): Promise<void> {
    const now = performance.now();
    const { epoch, epochs, epochImages, batchSize, started } = this.at;
    this.hook?.({
      epoch,
      epochs,
      batch: batch + 1,
      batches: this.batches,
      images: Math.min((batch + 1) * batchSize, epochImages),
      epochImages,
      seconds: (now - started) / 1000,
    });
    if (now - this.lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = performance.now();
    }
  }
}

/** A callback for one single-epoch `model.fit` that passes a BatchProgress to `hook` after each batch. */
export function createBatchCallback(at: FitPosition, hook: BatchProgressHook | undefined): tf.Callback {
  return new BatchProgressCallback(at, hook);
}
