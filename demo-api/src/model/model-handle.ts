import {
  compileInferencePlan,
  planDeviation,
  predictImages,
  type InferencePlan,
  type LoadedModel,
  type ModelMetadata,
  type PreprocessedImage,
  type Prediction,
} from '@rings/ring-model';
import { MicroBatcher, type BatchStats, type MicroBatcherOptions } from './micro-batcher';

/** How predictions run: the layers API (default), or a compiled plan (batch norm folded, fused ops) when the model allows. */
export type InferenceMode = 'plan' | 'layers';

/** A plan agrees with its model to float rounding; more than this and the model's own path is used. */
const PLAN_TOLERANCE = 1e-4;

/** The plan of a loaded model if it can be compiled and agrees with the model; otherwise null and why. */
function verifiedPlan(loaded: LoadedModel): { plan: InferencePlan | null; why: string } {
  let why = 'planned';
  const plan = compileInferencePlan(loaded.model, (reason) => (why = reason));
  if (!plan) return { plan, why };
  const deviation = planDeviation(plan, loaded.model, loaded.metadata.input.size);
  if (deviation <= PLAN_TOLERANCE) return { plan, why: `planned (${plan.ops} ops)` };
  plan.dispose();
  return { plan: null, why: `not planned: its outputs differ from the model's by ${deviation}` };
}

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
  /** What predictions run on, and why (for the load log). */
  readonly inference: { mode: InferenceMode; why: string };
  private readonly plan: InferencePlan | null;
  private readonly maxBatchSize: number;
  private refs = 0;
  private retired = false;
  private disposed = false;

  constructor(
    private readonly loaded: LoadedModel,
    batching: MicroBatcherOptions,
    onBatch: (version: string, stats: BatchStats) => void,
    private readonly onDisposed: (version: string) => void,
    mode: InferenceMode = 'layers',
  ) {
    this.version = loaded.metadata.version;
    this.metadata = loaded.metadata;
    const planned = mode === 'plan' ? verifiedPlan(loaded) : { plan: null, why: 'INFERENCE_MODE=layers' };
    this.plan = planned.plan;
    this.inference = { mode: this.plan ? 'plan' : 'layers', why: planned.why };
    this.maxBatchSize = batching.maxBatchSize;
    this.batcher = new MicroBatcher(
      (images) => predictImages(this.plan ?? this.loaded.model, images),
      batching,
      (stats) => onBatch(this.version, stats),
    );
  }

  /**
   * Predict once at every batch size the batcher can form, before live traffic:
   * native per-shape set-up (kernels, buffers) happens here, not on requests.
   * Yields between calls so the serving version keeps answering.
   */
  async warm(): Promise<void> {
    const size = this.metadata.input.size;
    const blank = { size, pixels: new Float32Array(size * size) };
    for (let n = 1; n <= this.maxBatchSize; n++) {
      await predictImages(
        this.plan ?? this.loaded.model,
        Array.from({ length: n }, () => blank),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
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
    this.plan?.dispose();
    this.loaded.model.dispose();
    this.onDisposed(this.version);
  }
}
