// The client's public contract: one interface per area. Implementations live in
// experiments.ts, runs.ts, artifacts.ts, registry.ts and with-run.ts.
import type {
  ArtifactFile,
  ArtifactTransferSummary,
  CreateExperimentOptions,
  CreateModelVersionOptions,
  CreateRegisteredModelOptions,
  CreateRunOptions,
  Experiment,
  LogBatchInput,
  Metric,
  ModelVersion,
  Page,
  ParamValue,
  RegisteredModel,
  Run,
  RunInfo,
  SearchModelVersionsOptions,
  SearchRunsOptions,
  TerminalRunStatus,
  UpdateRunOptions,
} from './types';

/** Experiments (`/api/2.0/mlflow/experiments/*`). */
export interface ExperimentsApi {
  /** @throws MlflowResourceDoesNotExistError when no experiment (active or deleted) has this name. */
  getByName(name: string): Promise<Experiment>;
  /** @throws MlflowResourceDoesNotExistError */
  get(experimentId: string): Promise<Experiment>;
  /** Create and return the new id. @throws MlflowResourceAlreadyExistsError when the name is taken (deleted ones too). */
  create(name: string, options?: CreateExperimentOptions): Promise<string>;
  /**
   * The experiment with this name, created when missing and restored when
   * soft-deleted. Safe when several processes race to create it.
   */
  getOrCreate(name: string, options?: CreateExperimentOptions): Promise<Experiment>;
  /** Soft-delete (the name stays taken until the server purges it). */
  delete(experimentId: string): Promise<void>;
  /** Undo a soft delete. */
  restore(experimentId: string): Promise<void>;
}

/** Runs, their params, metrics and tags (`/api/2.0/mlflow/runs/*`, `metrics/*`). */
export interface RunsApi {
  /** Start a RUNNING run. */
  create(options: CreateRunOptions): Promise<Run>;
  /** @throws MlflowResourceDoesNotExistError */
  get(runId: string): Promise<Run>;
  /**
   * Log metrics, params and tags, split into as many requests as the server's
   * limits need (1000 metrics, 100 params, 100 tags, 1000 items per request).
   * Params are write-once: logging a different value for a key fails.
   */
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  /** Set (overwrite) one tag. */
  setTag(runId: string, key: string, value: ParamValue): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  update(runId: string, options: UpdateRunOptions): Promise<RunInfo>;
  /** End the run: status (default FINISHED) and end time (default now). */
  terminate(runId: string, status?: TerminalRunStatus, endTime?: number): Promise<RunInfo>;
  /** Soft-delete a run. */
  delete(runId: string): Promise<void>;
  /** One page of runs/search. */
  search(options: SearchRunsOptions): Promise<Page<Run>>;
  /** Every page of runs/search (stops after `limit` runs, default 10000). */
  searchAll(options: Omit<SearchRunsOptions, 'pageToken'>, limit?: number): Promise<Run[]>;
  /** Every recorded value of one metric, in server order (by step, then time). */
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;
}

/**
 * Artifacts through the tracking server's proxy. `artifactUri` is a run's
 * `info.artifactUri` (`mlflow-artifacts:/...`), optionally with a sub-path, or
 * `runs:/<run id>/<path>`.
 */
export interface ArtifactsApi {
  /** Stream one local file to `<artifactUri>/<artifactPath>` (default: the file's name). */
  uploadFile(artifactUri: string, localFile: string, artifactPath?: string): Promise<void>;
  /** Stream every file under `localDir` to `<artifactUri>/<artifactPath>/...`, keeping the layout. */
  uploadDirectory(
    artifactUri: string,
    localDir: string,
    artifactPath?: string,
  ): Promise<ArtifactTransferSummary>;
  /** Direct children of `<artifactUri>/<path>`; an empty list when nothing is there. */
  list(artifactUri: string, path?: string): Promise<ArtifactFile[]>;
  /**
   * Stream one artifact to `localFile` (written to a temp name, then renamed).
   * @throws MlflowArtifactTooLargeError past `options.maxBytes` (nothing is left on disk)
   */
  downloadFile(
    artifactUri: string,
    artifactPath: string,
    localFile: string,
    options?: { maxBytes?: number },
  ): Promise<void>;
  /** Stream every file under `<artifactUri>/<path>` into `localDir`, keeping the layout. */
  downloadDirectory(artifactUri: string, path: string, localDir: string): Promise<ArtifactTransferSummary>;
}

/** The model registry: registered models, versions, aliases and version tags. No stages. */
export interface RegistryApi {
  /** @throws MlflowResourceAlreadyExistsError */
  createRegisteredModel(name: string, options?: CreateRegisteredModelOptions): Promise<RegisteredModel>;
  /** The registered model, created when missing; safe under races. */
  ensureRegisteredModel(name: string, options?: CreateRegisteredModelOptions): Promise<RegisteredModel>;
  /** @throws MlflowResourceDoesNotExistError */
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  /**
   * Register files (a run's artifact sub-path) as a new version; waits for READY by default.
   * `runId` defaults to the run the source names (the server requires it for run artifact paths).
   */
  createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion>;
  /** @throws MlflowResourceDoesNotExistError */
  getModelVersion(name: string, version: string | number): Promise<ModelVersion>;
  /** Poll until READY. @throws MlflowError when registration fails or the wait times out. */
  waitForModelVersionReady(name: string, version: string | number, timeoutMs?: number): Promise<ModelVersion>;
  /** Point `alias` (e.g. `champion`) at `version`, moving it if it points elsewhere. */
  setAlias(name: string, alias: string, version: string | number): Promise<void>;
  /** Remove an alias; a no-op when it is not set. */
  deleteAlias(name: string, alias: string): Promise<void>;
  /** The version the alias points at, or undefined when the alias (or the registered model) does not exist. */
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined>;
  /** One page of model-versions/search. */
  searchVersions(options?: SearchModelVersionsOptions): Promise<Page<ModelVersion>>;
  setVersionTag(name: string, version: string | number, key: string, value: ParamValue): Promise<void>;
}

/** Options for `withRun`. Give `experimentId` or `experimentName` (got or created). */
export interface WithRunOptions {
  experimentId?: string;
  experimentName?: string;
  runName?: string;
  tags?: Record<string, ParamValue>;
  params?: Record<string, ParamValue>;
  /** Flush buffered metrics at least this often (default 5000 ms). */
  flushIntervalMs?: number;
  /** Flush as soon as this many metrics are buffered (default 1000, one request). */
  maxBufferedMetrics?: number;
}

/** The run inside `withRun`: logging is bound to it, metrics are buffered. */
export interface ActiveRun {
  readonly runId: string;
  readonly experimentId: string;
  /** Root of this run's artifacts, `mlflow-artifacts:/<exp>/<run>/artifacts`. */
  readonly artifactUri: string;
  readonly info: RunInfo;
  /** Buffer one metric value (timestamp now; step default 0). Sent in batches. */
  logMetric(key: string, value: number, step?: number): void;
  /** Buffer several metrics at the same step. */
  logMetrics(values: Record<string, number>, step?: number): void;
  /** Send params now (write-once). */
  logParams(params: Record<string, ParamValue>): Promise<void>;
  /** Set tags now (overwrite). */
  setTags(tags: Record<string, ParamValue>): Promise<void>;
  /** Send every buffered metric now; rethrows a failure of an earlier background flush. */
  flush(): Promise<void>;
  /** Upload one file under the run's artifacts. */
  logArtifact(localFile: string, artifactPath?: string): Promise<void>;
  /** Upload a folder under the run's artifacts. */
  logArtifacts(localDir: string, artifactPath?: string): Promise<ArtifactTransferSummary>;
}

/** A typed MLflow REST client bound to one tracking server. */
export interface MlflowClient {
  /** Base URL, without a trailing slash. */
  readonly trackingUri: string;
  readonly experiments: ExperimentsApi;
  readonly runs: RunsApi;
  readonly artifacts: ArtifactsApi;
  readonly registry: RegistryApi;
  /** True when GET /health answers 200 within `timeoutMs` (default 3000); never throws, never retries. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Fail fast when the server is not there: one GET /health without retries.
   * @throws MlflowConnectionError (or the mapped HTTP error) with a message that says how to fix it.
   */
  assertReachable(timeoutMs?: number): Promise<void>;
  /**
   * Create a run, call `body` with it, then flush its metrics and end it
   * FINISHED; when `body` throws, end it FAILED with the error recorded in the
   * tags `error.name`, `error.message`, `error.stack`, and rethrow.
   */
  withRun<T>(options: WithRunOptions, body: (run: ActiveRun) => Promise<T>): Promise<T>;
}
