import type { Logger } from '../../logger';
import { InferenceThread } from './inference-thread';

/** A thread that dies sooner than this after starting counts as a quick death. */
const QUICK_DEATH_MS = 60_000;

export interface ThreadKeeperOptions {
  logger: Logger;
  /** The thread died unasked; `quickDeaths` counts deaths in a row that came soon after a start. */
  onDeath: (why: string, quickDeaths: number) => void;
}

/** Keeps the API's one inference thread: started when first needed, forgotten when it dies. */
export class InferenceThreadKeeper {
  private thread: InferenceThread | undefined;
  private startedAt = 0;
  private quickDeaths = 0;
  private closed = false;
  private starting: Promise<InferenceThread> | undefined;

  constructor(private readonly options: ThreadKeeperOptions) {}

  /** The running thread, if any. */
  get current(): InferenceThread | undefined {
    return this.thread;
  }

  /** The running thread, started first if there is none (rejects without native TensorFlow, or once closed). */
  get(): Promise<InferenceThread> {
    if (this.closed) return Promise.reject(new Error('the inference thread is closed (the API is stopping)'));
    if (this.thread) return Promise.resolve(this.thread);
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async start(): Promise<InferenceThread> {
    const thread = await InferenceThread.start((why) => this.died(thread, why));
    if (this.closed) {
      await thread.close();
      throw new Error('the inference thread is closed (the API is stopping)');
    }
    this.thread = thread;
    this.startedAt = Date.now();
    this.options.logger.info(
      { thread_id: thread.threadId, tensorflow: thread.tensorflow },
      'inference thread started',
    );
    return thread;
  }

  /** Stop the thread for good (its models go with it). */
  async close(): Promise<void> {
    this.closed = true;
    await this.thread?.close();
    this.thread = undefined;
  }

  private died(thread: InferenceThread, why: string): void {
    if (thread !== this.thread || this.closed) return;
    this.thread = undefined;
    const quick = Date.now() - this.startedAt < QUICK_DEATH_MS;
    this.quickDeaths = quick ? this.quickDeaths + 1 : 1;
    this.options.onDeath(why, this.quickDeaths);
  }
}
