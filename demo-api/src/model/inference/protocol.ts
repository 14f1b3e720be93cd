// The messages between the API's main thread and its inference thread.
import type { ModelMetadata } from '@rings/ring-model/core';

/** How predictions run: the layers API (default), or a compiled plan (batch norm folded, fused ops) when the model allows. */
export type InferenceMode = 'plan' | 'layers';

/** What a loaded version predicts with, and why. */
export interface InferenceChoice {
  mode: InferenceMode;
  why: string;
}

/** A version loaded (and smoke-tested) in the inference thread. */
export interface LoadedVersion {
  /** The thread's handle for it; pass it to warm, predict and dispose. */
  model: number;
  metadata: ModelMetadata;
  inference: InferenceChoice;
}

/** Live TensorFlow allocations in the inference thread. */
export interface TensorMemory {
  numTensors: number;
  numBytes: number;
}

/** Versions of the TensorFlow the inference thread runs (its backend is always the native one). */
export interface TensorflowInfo {
  backend: string;
  tfjsNode: string;
  libtensorflow: string;
}

/** Each operation: its arguments and its result. */
export interface InferenceOps {
  load: { args: { dir: string; version: string; mode: InferenceMode }; result: LoadedVersion };
  /** Predict once at the largest batch size, before live traffic. */
  warm: { args: { model: number; maxBatchSize: number }; result: null };
  /** `count` images of the model's input size, end to end in `pixels`. */
  predict: {
    args: { model: number; pixels: Float32Array; count: number };
    result: { probabilities: Float32Array; numClasses: number };
  };
  dispose: { args: { model: number }; result: null };
  memory: { args: Record<string, never>; result: TensorMemory };
}

export type InferenceOp = keyof InferenceOps;

/** Main thread to inference thread. */
export interface InferenceCall<O extends InferenceOp = InferenceOp> {
  id: number;
  op: O;
  args: InferenceOps[O]['args'];
}

/** Inference thread to main thread: the answer to call `id`, or the first message, `ready`. */
export type InferenceMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } }
  | { ready: TensorflowInfo };
