// The inference thread's entry point: answers the main thread's calls with WorkerModels.
import { parentPort } from 'node:worker_threads';
import { assertNativeBackend, describeTensorflow } from '@rings/ring-model';
import type { InferenceCall, InferenceMessage, InferenceOp, InferenceOps } from './protocol';
import { WorkerModels } from './worker-models';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread (see inference-thread.ts)');
assertNativeBackend(); // never predict on the pure-JS backend: the thread fails to start instead

const models = new WorkerModels();

type Handlers = { [O in InferenceOp]: (args: InferenceOps[O]['args']) => Promise<InferenceOps[O]['result']> };

const handlers: Handlers = {
  load: ({ dir, version, mode }) => models.load(dir, version, mode),
  warm: ({ model, maxBatchSize }) => models.warm(model, maxBatchSize),
  predict: ({ model, pixels, count }) => models.predict(model, pixels, count),
  dispose: ({ model }) => models.dispose(model),
  memory: () => models.memory(),
};

function perform(call: InferenceCall): Promise<unknown> {
  if (!Object.hasOwn(handlers, call.op)) {
    return Promise.reject(new Error(`unknown inference operation '${String(call.op)}'`));
  }
  return (handlers[call.op] as (args: unknown) => Promise<unknown>)(call.args);
}

async function answer(call: InferenceCall): Promise<void> {
  let message: InferenceMessage;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = await perform(call);
    if (call.op === 'predict') {
      transfer.push((result as InferenceOps['predict']['result']).probabilities.buffer as ArrayBuffer);
    }
    message = { id: call.id, ok: true, result };
  } catch (err) {
    const { name, message: text } = err instanceof Error ? err : new Error(String(err));
    message = { id: call.id, ok: false, error: { name, message: text } };
  }
  try {
    port!.postMessage(message, transfer);
  } catch (err) {
    const failed: InferenceMessage = {
      id: call.id,
      ok: false,
      error: { name: 'Error', message: `the answer could not be sent: ${(err as Error).message}` },
    };
    port!.postMessage(failed);
  }
}

port.on('message', (call: InferenceCall) => void answer(call));
const ready: InferenceMessage = { ready: describeTensorflow() };
port.postMessage(ready);
