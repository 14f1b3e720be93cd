import {
  predictImages,
  type LoadedModel,
  type ModelMetadata,
  type PreprocessedImage,
  type Prediction,
} from '@rings/ring-model';
import { MicroBatcher, type BatchStats, type MicroBatcherOptions } from './micro-batcher';

/**
 * One loaded model version with its own micro-batcher. Requests acquire it for
 * their whole prediction; once retired (a newer version took over), the model
 * is disposed when the last of them releases it.
 */
export class ModelHandle {
  readonly version: string;
  readonly metadata: ModelMetadata;
  readonly loadedAt = new Date();
  readonly batcher: MicroBatcher<PreprocessedImage, Prediction>;
  private refs = 0;
  private retired = false;
  private disposed = false;

  constructor(
    private readonly loaded: LoadedModel,
    batching: MicroBatcherOptions,
    onBatch: (version: string, stats: BatchStats) => void,
    private readonly onDisposed: (version: string) => void,
  ) {
    this.version = loaded.metadata.version;
    this.metadata = loaded.metadata;
    this.batcher = new MicroBatcher(
      (images) => predictImages(this.loaded.model, images),
      batching,
      (stats) => onBatch(this.version, stats),
    );
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

  private disposeWhenIdle(): void {
    if (!this.retired || this.refs > 0 || this.disposed) return;
    this.disposed = true;
    this.loaded.model.dispose();
    this.onDisposed(this.version);
  }
}
