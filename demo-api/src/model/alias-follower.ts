import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { MlflowConnectionError, MlflowUnavailableError } from '@rings/mlflow-client';
import { assertVersionName, readDeployedPointer } from '@rings/ring-model/core';
import type { Logger } from '../logger';
import { describeVersion, versionNameOf, type RegistrySource } from '../update-models/mlflow-source';

const run = promisify(execFile);

/** update-models, built: the deploy runs there, so TensorFlow (the store's load check) stays out of this thread. */
const UPDATE_MODELS_CLI = path.resolve(__dirname, '..', '..', 'dist', 'update-models', 'cli.js');

export interface AliasFollowerOptions {
  registry: RegistrySource;
  modelName: string;
  alias: string;
  /** This host's store, used as the cache of registry versions. */
  storeDir: string;
  pollMs: number;
  logger: Logger;
  /** Called after a version was deployed in the store (the model registry then loads it). */
  onDeployed: () => void;
}

/** After a version failed to download or verify, it is tried again after this long. */
const RETRY_FAILED_MS = 30_000;

/**
 * MODEL_SOURCE=registry: follows an MLflow alias (ring-counter@champion). When
 * the alias names a version this host's store does not deploy, update-models
 * downloads it, checks its files against the sha256 the registry records (the
 * store refuses them otherwise) and deploys it in the store, leaving the alias
 * alone; the model registry follows deployed.json as in store mode: it loads
 * and warms the version beside the serving one and switches. So replicas on
 * any host follow one alias move. While MLflow is unreachable the serving
 * version stays (logged once).
 */
export class AliasFollower {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failed: { version: string; at: number } | undefined;
  private unreachable = false;
  private aliasUnset = false;

  constructor(private readonly options: AliasFollowerOptions) {}

  /** Follow the alias: once now (awaited), then every pollMs. */
  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => void this.sync(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Read the alias and deploy what it names if needed; one run at a time, never throws. */
  sync(): Promise<void> {
    this.running ??= this.syncOnce()
      .catch((err: unknown) => this.report(err))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async syncOnce(): Promise<void> {
    const { registry, alias, modelName, logger } = this.options;
    const mv = await registry.versionByAlias(alias);
    if (this.unreachable) logger.info({ tracking_uri: registry.trackingUri }, 'MLflow answers again');
    this.unreachable = false;
    if (!mv) {
      if (!this.aliasUnset)
        logger.warn({ model: modelName, alias }, `${modelName}@${alias} is not set; nothing to follow yet`);
      this.aliasUnset = true;
      return;
    }
    this.aliasUnset = false;
    const version = versionNameOf(mv);
    assertVersionName(version);
    const pointer = await readDeployedPointer(this.options.storeDir).catch(() => null);
    if (pointer?.version === version) return;
    if (this.failed?.version === version && Date.now() - this.failed.at < RETRY_FAILED_MS) return;
    logger.info(
      { version, alias, registry_version: mv.version },
      `${modelName}@${alias} names ${version} (${describeVersion(modelName, mv)}); deploying it in this host's store`,
    );
    try {
      await this.deploy(version);
      this.failed = undefined;
    } catch (err) {
      this.failed = { version, at: Date.now() };
      throw err;
    }
    this.options.onDeployed();
  }

  private async deploy(version: string): Promise<void> {
    const args = [UPDATE_MODELS_CLI, version, '--from-mlflow', '--keep-alias', '--json'];
    const { modelName, storeDir } = this.options;
    const env = { ...process.env, MODEL_SOURCE: 'store', MODEL_NAME: modelName, MODEL_STORE_DIR: storeDir };
    try {
      const { stdout } = await run(process.execPath, args, { env, timeout: 10 * 60_000 });
      const result = JSON.parse(stdout) as { provenance?: string };
      this.options.logger.info(
        { version, provenance: result.provenance },
        `${version} deployed in this host's store`,
      );
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr?.trim();
      throw new Error(`deploying ${version} failed${stderr ? `: ${stderr}` : `: ${(err as Error).message}`}`);
    }
  }

  private report(err: unknown): void {
    const { logger, registry } = this.options;
    if (err instanceof MlflowConnectionError || err instanceof MlflowUnavailableError) {
      if (!this.unreachable) {
        logger.warn(
          { tracking_uri: registry.trackingUri, err: err.message },
          'MLflow is unreachable; still serving the current version',
        );
      }
      this.unreachable = true;
      return;
    }
    logger.error({ err }, 'following the registry alias failed; still serving the current version');
  }
}
