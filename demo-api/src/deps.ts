import type { ServerConfig } from './config';
import type { Logger } from './logger';
import type { ApiMetrics } from './metrics';
import type { ModelRegistry } from './model/model-registry';
import type { MonitoringService } from './monitoring/monitoring-service';
import type { PredictionObserver } from './prediction-observer';

/** What createApp needs; built by main.ts, or by tests around a temporary store. */
export interface AppDeps {
  config: ServerConfig;
  logger: Logger;
  metrics: ApiMetrics;
  registry: ModelRegistry;
  /** Called after each prediction (monitoring); never delays or fails the response. */
  observer?: PredictionObserver;
  /** Drift, certainty and feedback (GET /monitoring/, POST /feedback/); those routes 404 without it. */
  monitoring?: MonitoringService;
  /** Set when the process is shutting down: /readyz answers 503 while requests are still served. */
  lifecycle?: { draining: boolean };
}
