import type { Logger } from '../logger';
import type { ApiMetrics } from '../metrics';
import type { ModelRegistry } from '../model/model-registry';
import type { MonitoringEnv } from './monitoring-config';
import { registerMonitoringMetrics } from './monitoring-metrics';
import { MonitoringService, monitoringOptionsFromEnv, type CurrentModel } from './monitoring-service';

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

/**
 * Build the monitoring service, rebuild its windows from the prediction log,
 * and register its gauges on the app's metrics registry. Pass the result to
 * createApp as both `observer: monitoring.observe` and `monitoring`.
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
