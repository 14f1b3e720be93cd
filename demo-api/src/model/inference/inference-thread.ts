import { Worker } from 'node:worker_threads';
import { ApiError } from '../../errors';
import type { InferenceCall, InferenceMessage, InferenceOp, InferenceOps, TensorflowInfo } from './protocol';
import { inferenceWorkerScript } from './worker-script';

interface Pending {
  resolve: (result: never) => void;
  reject: (err: Error) => void;
}

/** An error the inference thread reported for one call, with the thread's error name. */
export class InferenceError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
  ) {
    super(message);
    this.name = 'InferenceError';
  }
}

function threadGone(why: string): ApiError {
  return new ApiError('MODEL_NOT_READY', `the inference thread stopped (${why}); retry shortly`, undefined, {
    headers: { 'Retry-After': '2' },
  });
}

/**
 * The worker thread that holds the API's models and runs every TensorFlow call,
 * so the event loop keeps answering HTTP while a batch is computed. Calls are
 * messages; pixels and probabilities move as transferred buffers, not copies.
 * If the thread dies, pending and later calls fail with 503 MODEL_NOT_READY and
 * onExit is told (once); close() is the orderly way out and tells no one.
 */
export class InferenceThread {
  private readonly pending = new Map<number, Pending>();
  private nextCall = 1;
  private stopped: string | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly tensorflow: TensorflowInfo,
    private readonly onExit: (why: string) => void,
  ) {
    worker.on('message', (message: InferenceMessage) => this.receive(message));
    // A reply that cannot be read leaves its call unanswered: stop the thread, so every call fails and onExit runs.
    worker.on('messageerror', () => void worker.terminate());
    let lastError = '';
    worker.on('error', (err) => (lastError = err.message));
    worker.on('exit', (code) => this.exited(lastError || `exit code ${code}`));
  }

  /** Start a thread; resolves once TensorFlow is loaded there (rejects if it cannot be). */
  static start(onExit: (why: string) => void): Promise<InferenceThread> {
    // A worker thread's process.env is its own copy: TensorFlow, loaded in the
    // thread, reads the process's real environment, which only this thread sets
    // (the defaults of packages/ring-model/src/tensorflow.ts, which says why).
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
    const { filename, workerData } = inferenceWorkerScript();
    const worker = new Worker(filename, { workerData });
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => reject(new Error(`the inference thread did not start: ${err.message}`));
      const exited = (code: number) => failed(new Error(`it exited with code ${code}`));
      worker.once('error', failed).once('exit', exited);
      worker.once('message', (message: InferenceMessage) => {
        worker.off('error', failed).off('exit', exited);
        if ('ready' in message) return resolve(new InferenceThread(worker, message.ready, onExit));
        void worker.terminate();
        failed(new Error(`its first message was not 'ready': ${JSON.stringify(message)}`));
      });
    });
  }

  /** The worker's thread id (for logs). */
  get threadId(): number {
    return this.worker.threadId;
  }

  /** Run one operation in the thread; buffers in `transfer` move there (unusable here afterwards). */
  call<O extends InferenceOp>(
    op: O,
    args: InferenceOps[O]['args'],
    transfer: ArrayBuffer[] = [],
  ): Promise<InferenceOps[O]['result']> {
    if (this.stopped) return Promise.reject(threadGone(this.stopped));
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      const call: InferenceCall<O> = { id, op, args };
      try {
        this.worker.postMessage(call, transfer);
      } catch (err) {
        this.pending.delete(id);
        reject(err as Error);
      }
    });
  }

  /** Stop the thread, freeing every model in it; pending calls fail. */
  async close(): Promise<void> {
    this.stopped ??= 'closed';
    await this.worker.terminate();
  }

  /** Stop the thread abruptly, as a crash would: pending calls fail and onExit is told. */
  async kill(): Promise<void> {
    await this.worker.terminate();
  }

  private receive(message: InferenceMessage): void {
    if ('ready' in message) return;
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (!pending) return;
    if (message.ok) pending.resolve(message.result as never);
    else pending.reject(new InferenceError(message.error.name, message.error.message));
  }

  private exited(why: string): void {
    const expected = this.stopped !== null;
    this.stopped ??= why;
    const gone = threadGone(this.stopped);
    for (const { reject } of this.pending.values()) reject(gone);
    this.pending.clear();
    if (!expected) this.onExit(why);
  }
}
