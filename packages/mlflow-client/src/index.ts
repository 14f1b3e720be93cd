// @rings/mlflow-client: a typed MLflow REST client (axios + zod) for experiments,
// runs, metrics, artifacts (through the server's proxy) and the model registry.
export { createMlflowClient } from './client';
export type { MlflowClientOptions } from './client';
export type { RetryListener } from './retry';
export { readMlflowConfig, mlflowEnvSchema, MlflowConfigError } from './config';
export type { MlflowConfig, MlflowAuth, RetryOptions } from './config';
export type {
  MlflowClient,
  ExperimentsApi,
  RunsApi,
  ArtifactsApi,
  RegistryApi,
  WithRunOptions,
  ActiveRun,
} from './api';
export type * from './types';
export {
  MlflowError,
  MlflowResourceAlreadyExistsError,
  MlflowResourceDoesNotExistError,
  MlflowInvalidParameterError,
  MlflowUnauthorizedError,
  MlflowUnavailableError,
  MlflowServerError,
  MlflowConnectionError,
  MlflowResponseValidationError,
  MlflowArtifactTooLargeError,
} from './errors';
export type { MlflowErrorContext } from './errors';
