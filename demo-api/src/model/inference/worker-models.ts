import {
  loadWarmModel,
  predictPixelBatch,
  tf,
  planForMode,
  type BatchPredictor,
  type InferencePlan,
  type LoadedModel,
} from '@rings/ring-model';
import type { InferenceChoice, InferenceMode, InferenceOps, LoadedVersion, TensorMemory } from './protocol';

interface HeldModel {
  loaded: LoadedModel;
  plan: InferencePlan | null;
  size: number;
}

type Result<O extends keyof InferenceOps> = Promise<InferenceOps[O]['result']>;

/**
 * The models an inference thread holds, by number. Everything TensorFlow does
 * for the API happens here, off the main thread's event loop.
 */
export class WorkerModels {
  private readonly models = new Map<number, HeldModel>();
  private nextModel = 1;

  /** Load a stored version (checked by a smoke prediction) and, in plan mode, plan it. */
  async load(dir: string, version: string, mode: InferenceMode): Result<'load'> {
    const loaded = await loadWarmModel(dir, version);
    const { plan, why } = this.plan(loaded, mode);
    const model = this.nextModel++;
    this.models.set(model, { loaded, plan, size: loaded.metadata.input.size });
    const inference: InferenceChoice = { mode: plan ? 'plan' : 'layers', why };
    const reply: LoadedVersion = { model, metadata: loaded.metadata, inference };
    return reply;
  }

  /** The verified plan in plan mode (the model is freed if planning throws). */
  private plan(loaded: LoadedModel, mode: InferenceMode): { plan: InferencePlan | null; why: string } {
    try {
      return planForMode(loaded.model, loaded.metadata.input.size, mode);
    } catch (err) {
      loaded.model.dispose();
      throw err;
    }
  }

  /**
   * Predict a blank batch of the largest size the batcher forms, so the
   * largest buffers are allocated before live traffic (the load's smoke
   * prediction did batch 1). Other sizes need no warming: in tfjs-node a first
   * call at a new batch size costs what later ones do (measured, 3 to 29).
   */
  async warm(model: number, maxBatchSize: number): Result<'warm'> {
    const { size } = this.held(model);
    await this.predict(model, new Float32Array(maxBatchSize * size * size), maxBatchSize);
    return null;
  }

  predict(model: number, pixels: Float32Array, count: number): Result<'predict'> {
    const held = this.held(model);
    const predictor: BatchPredictor = held.plan ?? held.loaded.model;
    return predictPixelBatch(predictor, pixels, count, held.size);
  }

  async dispose(model: number): Result<'dispose'> {
    const held = this.models.get(model);
    this.models.delete(model);
    held?.plan?.dispose();
    held?.loaded.model.dispose();
    return null;
  }

  async memory(): Result<'memory'> {
    const { numTensors, numBytes } = tf.memory();
    const memory: TensorMemory = { numTensors, numBytes };
    return memory;
  }

  private held(model: number): HeldModel {
    const held = this.models.get(model);
    if (!held) throw new Error(`the inference thread holds no model ${model} (disposed?)`);
    return held;
  }
}
