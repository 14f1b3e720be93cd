import {
  probabilitiesToPredictions,
  stackPixels,
  type ModelMetadata,
  type PreprocessedImage,
  type Prediction,
} from '@rings/ring-model/core';
import type { InferenceThread } from './inference/inference-thread';
import type { InferenceChoice, LoadedVersion } from './inference/protocol';
import { MicroBatcher, type BatchStats, type MicroBatcherOptions } from './micro-batcher';

/**
 * One loaded model version (held by the inference thread) with its own
 * micro-batcher. Requests acquire it for their whole prediction; once retired
 * (a newer version took over), the model is disposed when the last of them
 * releases it.
 */
export class ModelHandle {
  readonly version: string;
  readonly metadata: ModelMetadata;
  readonly loadedAt = new Date();
  readonly batcher: MicroBatcher<PreprocessedImage, Prediction>;
  /** What predictions run on, and why (for the load log). */
  readonly inference: InferenceChoice;
  private readonly model: number;
  private readonly maxBatchSize: number;
  private refs = 0;
  private retired = false;
  private disposed = false;

  constructor(
    private readonly thread: InferenceThread,
    loaded: LoadedVersion,
    batching: MicroBatcherOptions,
    onBatch: (version: string, stats: BatchStats) => void,
    private readonly onDisposed: (version: string) => void,
  ) {
    this.version = loaded.metadata.version;
    this.metadata = loaded.metadata;
    this.inference = loaded.inference;
    this.model = loaded.model;
    this.maxBatchSize = batching.maxBatchSize;
    this.batcher = new MicroBatcher(
      (images) => this.predict(images),
      batching,
      (stats) => onBatch(this.version, stats),
    );
  }

  /** Predict once at the largest batch the batcher forms, before live traffic (see WorkerModels.warm). */
  async warm(): Promise<void> {
    await this.thread.call('warm', { model: this.model, maxBatchSize: this.maxBatchSize });
  }

  /** Requests currently holding this version. */
  get inFlight(): number {
    return this.refs;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  acquire(): void {
    if (this.disposed) throw new Error(`model ${this.version} is already disposed`);
    this.refs += 1;
  }

  release(): void {
    this.refs -= 1;
    this.disposeWhenIdle();
  }

  /** No new requests will get this version; free it once the in-flight ones finish. */
  retire(): void {
    this.retired = true;
    this.disposeWhenIdle();
  }

  private async predict(images: PreprocessedImage[]): Promise<Prediction[]> {
    const { pixels } = stackPixels(images);
    const { probabilities, numClasses } = await this.thread.call(
      'predict',
      { model: this.model, pixels, count: images.length },
      // stackPixels allocates a plain ArrayBuffer; TypeScript 5.7+ types .buffer as possibly shared
      [pixels.buffer as ArrayBuffer],
    );
    return probabilitiesToPredictions(probabilities, numClasses);
  }

  private disposeWhenIdle(): void {
    if (!this.retired || this.refs > 0 || this.disposed) return;
    this.disposed = true;
    // A stopped thread took its models with it: nothing left to free.
    this.thread.call('dispose', { model: this.model }).catch(() => undefined);
    this.onDisposed(this.version);
  }
}
