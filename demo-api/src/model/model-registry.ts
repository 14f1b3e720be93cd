import { promises as fs } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  parseDeployedPointer,
  storePaths,
  type DeployedPointer,
  type ModelMetadata,
} from '@rings/ring-model/core';
import type { Logger } from '../logger';
import type { ApiMetrics } from '../metrics';
import type { BatchStats, MicroBatcherOptions } from './micro-batcher';
import type { InferenceThread } from './inference/inference-thread';
import type { InferenceMode, TensorMemory } from './inference/protocol';
import { InferenceThreadKeeper } from './inference/thread-keeper';
import { ModelHandle } from './model-handle';
import { PointerFollower } from './pointer-follower';

export interface ModelRegistryOptions {
  storeDir: string;
  /** Re-read deployed.json this often, besides fs.watch (0: never; tests call sync()). */
  pollMs: number;
  batching: MicroBatcherOptions;
  /** Predict through the layers API (default) or, with 'plan', through a compiled plan when the model allows. */
  inference?: InferenceMode;
  logger: Logger;
  metrics: ApiMetrics;
}

/** A version the registry would not serve, and why. */
export interface Refusal {
  version: string | null;
  reason: string;
  at: string;
}

/** What /readyz and /deployed_version/ report. */
export interface RegistryStatus {
  /** The pointer as last read (null: no deployed.json). */
  pointer: DeployedPointer | null;
  serving: { version: string; loaded_at: string; inference: ModelHandle['inference'] } | null;
  /** The last pointer target that failed to load or predict (null once a later one succeeds). */
  refused: Refusal | null;
  /** The versions this process switched to, oldest first (at most SWITCHES_KEPT). */
  switches: ModelSwitch[];
}

/** A version this process started serving: when, and when deployed.json says it was promoted. */
export interface ModelSwitch {
  version: string;
  loaded_at: string;
  promoted_at: string | null;
  previous: string | null;
}

/** Switches kept for GET /deployed_version/. */
const SWITCHES_KEPT = 50;

/** A hold on the serving model for one request; call release() exactly once. */
export interface ModelLease {
  version: string;
  metadata: ModelMetadata;
  handle: ModelHandle;
  release(): void;
}

/** After this many quick deaths of the inference thread in a row, it is not restarted until the next promotion. */
const MAX_QUICK_DEATHS = 3;

/**
 * Follows $MODEL_STORE_DIR/deployed.json. On a change it loads the new version
 * beside the serving one and warms it; if that works it switches atomically
 * (new requests get the new version, in-flight ones finish on the old one,
 * which is then disposed); if not, the old one keeps serving and the refusal is
 * reported. Models live in an inference thread (see InferenceThread); if it
 * dies, a new one loads what deployed.json names, else what served before.
 */
export class ModelRegistry {
  private current: ModelHandle | undefined;
  private pointer: DeployedPointer | null = null;
  private pointerText: string | null | undefined; // undefined: never read
  private refused: Refusal | null = null;
  private readonly switches: ModelSwitch[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private readonly follower: PointerFollower;
  private readonly retired = new Set<ModelHandle>();
  private readonly threads: InferenceThreadKeeper;
  private stopping = false;

  constructor(private readonly options: ModelRegistryOptions) {
    this.threads = new InferenceThreadKeeper({
      logger: options.logger,
      onDeath: (why, quickDeaths) => this.threadDied(why, quickDeaths),
    });
    this.follower = new PointerFollower(
      options.storeDir,
      options.pollMs,
      () => void this.sync(),
      options.logger,
    );
  }

  /**
   * Start the inference thread (this fails without native TensorFlow), load
   * what deployed.json names (if anything), then follow it.
   */
  async start(): Promise<void> {
    await this.threads.get();
    await this.sync();
    if (this.options.pollMs > 0) this.follower.start();
  }

  /** Stop following, wait (up to timeoutMs) for in-flight requests, free every model. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    this.follower.stop();
    await this.chain;
    const last = this.current;
    this.current = undefined;
    if (last) {
      this.retired.add(last);
      last.retire();
    }
    const deadline = Date.now() + timeoutMs;
    while ([...this.retired].some((h) => !h.isDisposed) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.threads.close();
  }

  /** TensorFlow's live allocations in the inference thread (none before the first load). */
  async tensorMemory(): Promise<TensorMemory> {
    const thread = this.threads.current;
    return thread ? thread.call('memory', {}) : { numTensors: 0, numBytes: 0 };
  }

  /** The thread the models run in, once started (for diagnostics and tests). */
  get inferenceThread(): InferenceThread | undefined {
    return this.threads.current;
  }

  /**
   * Re-read deployed.json and switch if it names another version. Calls are
   * serialized; calls made while one runs share a single follow-up run.
   */
  sync(): Promise<void> {
    this.queued ??= this.chain.then(() => {
      this.queued = undefined;
      return this.syncOnce().catch((err: unknown) => {
        this.options.logger.error({ err }, 'following deployed.json failed');
      });
    });
    this.chain = this.queued;
    return this.queued;
  }

  /** Hold the serving model for one request, or null when none is loaded. */
  lease(): ModelLease | null {
    const handle = this.current;
    if (!handle) return null;
    handle.acquire();
    let released = false;
    return {
      version: handle.version,
      metadata: handle.metadata,
      handle,
      release: () => {
        if (!released) handle.release();
        released = true;
      },
    };
  }

  status(): RegistryStatus {
    const serving = this.current
      ? {
          version: this.current.version,
          loaded_at: this.current.loadedAt.toISOString(),
          inference: this.current.inference,
        }
      : null;
    return { pointer: this.pointer, serving, refused: this.refused, switches: [...this.switches] };
  }

  private async readPointerText(): Promise<string | null> {
    try {
      return await fs.readFile(storePaths(this.options.storeDir).deployed, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private refuse(version: string | null, reason: string): void {
    this.refused = { version, reason, at: new Date().toISOString() };
    this.options.metrics.modelLoads.inc({ outcome: 'refused' });
    const serving = this.current?.version ?? null;
    this.options.logger.error(
      { version, reason, serving },
      `model version refused; still serving ${serving}`,
    );
  }

  private async syncOnce(): Promise<void> {
    const text = await this.readPointerText();
    if (text === this.pointerText) return;
    this.pointerText = text;
    if (text === null) {
      this.pointer = null;
      this.options.logger.warn(
        { serving: this.current?.version ?? null },
        'no deployed.json in the model store; promote a version with ./update-models.sh <version>',
      );
      return;
    }
    let pointer: DeployedPointer;
    try {
      pointer = parseDeployedPointer(text);
    } catch (err) {
      return this.refuse(null, (err as Error).message);
    }
    this.pointer = pointer;
    if (pointer.version === this.current?.version) {
      this.refused = null;
      return;
    }
    await this.switchTo(pointer.version);
  }

  /**
   * The inference thread died and took every model with it: requests get 503
   * until a version is loaded again in a new thread (see recover; not after
   * MAX_QUICK_DEATHS quick deaths in a row; a promotion tries again).
   */
  private threadDied(why: string, quickDeaths: number): void {
    if (this.stopping) return;
    const serving = this.current?.version ?? null;
    this.options.logger.error({ why, serving }, 'the inference thread stopped; its models are gone');
    this.options.metrics.inferenceThreadExits.inc();
    this.current = undefined;
    this.options.metrics.modelServing.reset();
    this.retired.clear();
    if (quickDeaths > MAX_QUICK_DEATHS) {
      return this.refuse(serving, `the inference thread stopped ${quickDeaths} times in a row (${why})`);
    }
    this.chain = this.chain.then(() => this.recover(serving));
  }

  /**
   * After a death: load what deployed.json names (it may be a version whose
   * load the death interrupted), or else the version that served before.
   * Nothing to do if a promotion queued meanwhile has loaded one, or when stopping.
   */
  private async recover(serving: string | null): Promise<void> {
    if (this.current || this.stopping) return;
    this.pointerText = undefined; // read deployed.json afresh
    try {
      await this.syncOnce();
    } catch (err) {
      this.options.logger.error({ err }, 'reading deployed.json after the inference thread stopped failed');
    }
    if (!this.current && !this.stopping && serving !== null) await this.switchTo(serving);
  }

  /** Load, check and warm a stored version; nothing of it is left behind if that fails. */
  private async loadHandle(version: string): Promise<ModelHandle> {
    const thread = await this.threads.get();
    const loaded = await thread.call('load', {
      dir: storePaths(this.options.storeDir).version(version),
      version,
      mode: this.options.inference ?? 'layers',
    });
    const handle = new ModelHandle(
      thread,
      loaded,
      this.options.batching,
      (v, stats) => this.recordBatch(v, stats),
      (v) => {
        this.retired.delete(handle);
        this.options.logger.info({ version: v }, 'model disposed');
      },
    );
    try {
      await handle.warm();
      return handle;
    } catch (err) {
      handle.retire();
      throw err;
    }
  }

  private async switchTo(version: string): Promise<void> {
    const { logger, metrics } = this.options;
    const started = performance.now();
    let handle: ModelHandle;
    try {
      handle = await this.loadHandle(version);
    } catch (err) {
      return this.refuse(version, (err as Error).message);
    }
    const previous = this.current;
    this.current = handle;
    this.refused = null;
    this.switches.push({
      version,
      loaded_at: handle.loadedAt.toISOString(),
      promoted_at: this.pointer?.version === version ? this.pointer.promoted_at : null,
      previous: previous?.version ?? null,
    });
    if (this.switches.length > SWITCHES_KEPT) this.switches.shift();
    metrics.modelLoads.inc({ outcome: 'loaded' });
    metrics.modelServing.reset();
    metrics.modelServing.set({ model_version: version }, 1);
    if (previous) {
      metrics.modelSwaps.inc();
      this.retired.add(previous);
      previous.retire();
    }
    const seconds = (performance.now() - started) / 1000;
    logger.info(
      { version, previous: previous?.version ?? null, load_seconds: seconds, inference: handle.inference },
      'model version serving',
    );
  }

  private recordBatch(version: string, stats: BatchStats): void {
    const { metrics } = this.options;
    metrics.batchSize.observe(stats.size);
    metrics.inferenceSeconds.observe({ model_version: version }, stats.runSeconds);
    for (const s of stats.queueSeconds) metrics.queueSeconds.observe(s);
  }
}
