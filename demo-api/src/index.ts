export { createApp } from './app';
export { startServer, type RunningServer } from './server';
export {
  loadServerConfig,
  loadPromoteConfig,
  INFERENCE_DEFAULTS,
  ConfigError,
  type ServerConfig,
  type PromoteConfig,
} from './config';
export { createLogger, type Logger } from './logger';
export { createMetrics, type ApiMetrics } from './metrics';
export { ModelRegistry, type ModelRegistryOptions, type RegistryStatus } from './model/model-registry';
export type { AppDeps } from './deps';
export type { PredictionEvent, PredictionObserver } from './prediction-observer';
export type { RouteDefinition } from './routes/route';
