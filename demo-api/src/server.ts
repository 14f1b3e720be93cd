import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { ServerConfig } from './config';
import type { AppDeps } from './deps';
import { answerClientErrors } from './http/client-errors';
import type { Logger } from './logger';
import { createMetrics, type ApiMetrics } from './metrics';
import { AliasFollower } from './model/alias-follower';
import { ModelRegistry } from './model/model-registry';
import { CHAMPION_ALIAS, createRegistrySource } from './update-models/mlflow-source';
import { startMonitoring } from './monitoring/start-monitoring';

export interface RunningServer {
  server: Server;
  deps: AppDeps;
  /** The bound port (useful with PORT=0). */
  port: number;
  /**
   * Answer /readyz 503 for SHUTDOWN_DRAIN_MS while still serving, then stop
   * accepting connections, let in-flight requests finish, free the models.
   */
  close(): Promise<void>;
}

/** The model registry as configured (pollMs 0: only explicit sync() calls, for tests). */
export function createModelRegistry(
  config: ServerConfig,
  logger: Logger,
  metrics: ApiMetrics,
  pollMs = config.MODEL_POLL_MS,
): ModelRegistry {
  return new ModelRegistry({
    storeDir: config.MODEL_STORE_DIR,
    pollMs,
    batching: {
      maxBatchSize: config.BATCH_MAX_SIZE,
      windowMs: config.BATCH_WINDOW_MS,
      queueLimit: config.PREDICT_QUEUE_LIMIT,
    },
    inference: config.INFERENCE_MODE,
    logger,
    metrics,
  });
}

/** MODEL_SOURCE=registry: deploy what MODEL_NAME@champion names into the store (MLFLOW_* from the environment). */
export function createAliasFollower(
  config: ServerConfig,
  logger: Logger,
  registry: ModelRegistry,
): AliasFollower {
  return new AliasFollower({
    registry: createRegistrySource(config.MODEL_NAME, process.env, config),
    modelName: config.MODEL_NAME,
    alias: CHAMPION_ALIAS,
    storeDir: config.MODEL_STORE_DIR,
    pollMs: config.REGISTRY_POLL_MS,
    logger,
    onDeployed: () => void registry.sync(),
  });
}

/** Load the deployed model (with MODEL_SOURCE=registry, the alias's), follow the store and listen. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  extras: Pick<AppDeps, 'observer'> = {},
): Promise<RunningServer> {
  const metrics = createMetrics();
  const registry = createModelRegistry(config, logger, metrics);
  const follower =
    config.MODEL_SOURCE === 'registry' ? createAliasFollower(config, logger, registry) : undefined;
  await follower?.start(); // the alias's version in the store before the first load
  await registry.start();
  const monitoring = await startMonitoring(config, { logger, registry, metrics });
  const lifecycle = { draining: false };
  const deps: AppDeps = {
    config,
    lifecycle,
    logger,
    metrics,
    registry,
    observer: monitoring.observe,
    monitoring,
    ...extras,
  };
  // Slow clients (slowloris, trickled bodies) get 408 after REQUEST_TIMEOUT_MS, checked every second.
  const timeout = config.REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout: timeout,
      headersTimeout: timeout,
      connectionsCheckingInterval: Math.min(1000, timeout / 2),
    },
    createApp(deps),
  );
  answerClientErrors(server, logger);
  server.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: config.HOST, port, store: config.MODEL_STORE_DIR }, 'demo-api listening');
  const close = async () => {
    lifecycle.draining = true;
    if (config.SHUTDOWN_DRAIN_MS > 0) {
      logger.info({ drain_ms: config.SHUTDOWN_DRAIN_MS }, 'draining: /readyz answers 503, still serving');
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_MS));
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.race([
      closed,
      new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_TIMEOUT_MS).unref()),
    ]);
    server.closeAllConnections();
    await follower?.stop();
    await registry.stop(config.SHUTDOWN_TIMEOUT_MS);
    await monitoring.stop();
  };
  return { server, deps, port, close };
}
