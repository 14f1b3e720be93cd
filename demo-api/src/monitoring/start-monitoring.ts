import type { Logger } from '../logger';
import type { ApiMetrics } from '../metrics';
import type { ModelRegistry } from '../model/model-registry';
import { monitoringDir, type MonitoringEnv } from './monitoring-config';
import { registerMonitoringMetrics } from './monitoring-metrics';
import { MonitoringService, type CurrentModel, type MonitoringServiceOptions } from './monitoring-service';
import { FileMonitoringStore } from './store/file-monitoring-store';
import { PostgresMonitoringStore } from './store/postgres/postgres-monitoring-store';

/** The serving version and its metadata, from a momentary lease on the registry. */
export function currentModelOf(registry: ModelRegistry): ReturnType<CurrentModel> {
  const lease = registry.lease();
  if (!lease) return null;
  try {
    return { version: lease.version, metadata: lease.metadata };
  } finally {
    lease.release();
  }
}

/** Service options from the parsed environment: the shared Postgres store with MONITORING_DATABASE_URL, else the file store. */
export function monitoringOptionsFromEnv(
  env: MonitoringEnv,
  deps: Pick<MonitoringServiceOptions, 'logger' | 'currentModel'>,
): MonitoringServiceOptions {
  const store = env.MONITORING_DATABASE_URL
    ? new PostgresMonitoringStore({
        url: env.MONITORING_DATABASE_URL,
        windowSize: env.MONITORING_WINDOW,
        feedbackWindowSize: env.FEEDBACK_WINDOW,
        keepPredictions: env.FEEDBACK_INDEX,
        pendingLimit: env.MONITORING_PENDING_LIMIT,
        onError: (err, what) =>
          deps.logger.warn(
            { err: err.message },
            `monitoring database: ${what} failed; predictions wait (bounded)`,
          ),
      })
    : new FileMonitoringStore({
        dir: monitoringDir(env),
        windowSize: env.MONITORING_WINDOW,
        feedbackWindowSize: env.FEEDBACK_WINDOW,
        indexSize: env.FEEDBACK_INDEX,
        maxLogFileBytes: env.PREDICTION_LOG_MAX_BYTES,
        maxLogFiles: env.PREDICTION_LOG_FILES,
        onError: (err) => deps.logger.warn({ err }, 'prediction log write failed; records dropped'),
      });
  return {
    ...deps,
    store,
    historyPoints: env.MONITORING_HISTORY_POINTS,
    historyIntervalMs: env.MONITORING_HISTORY_INTERVAL_MS,
  };
}

/**
 * Build the monitoring service on the file store, open it (its windows are
 * rebuilt from the prediction log) and register its gauges on the app's
 * metrics registry. Pass the result to createApp as both
 * `observer: monitoring.observe` and `monitoring`.
 */
export async function startMonitoring(
  env: MonitoringEnv,
  deps: { logger: Logger; registry: ModelRegistry; metrics: ApiMetrics },
): Promise<MonitoringService> {
  const service = new MonitoringService(
    monitoringOptionsFromEnv(env, { logger: deps.logger, currentModel: () => currentModelOf(deps.registry) }),
  );
  await service.start();
  registerMonitoringMetrics(deps.metrics.registry, service);
  return service;
}
