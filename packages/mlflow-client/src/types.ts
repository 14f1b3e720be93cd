// Public result and option types. They are camelCase and complete; the
// snake_case, mostly-optional wire shapes live in wire.ts and never leak out.

/** Experiment lifecycle: soft-deleted experiments keep their name until purged. */
export type LifecycleStage = 'active' | 'deleted';

/** An MLflow experiment. */
export interface Experiment {
  experimentId: string;
  name: string;
  /** Where its runs' artifacts go, e.g. `mlflow-artifacts:/1`. */
  artifactLocation: string | undefined;
  lifecycleStage: LifecycleStage;
  /** Unix epoch milliseconds. */
  creationTime: number | undefined;
  lastUpdateTime: number | undefined;
  tags: Record<string, string>;
}

/** Options for creating (or getting-or-creating) an experiment. */
export interface CreateExperimentOptions {
  /** Tags set at creation (not applied to an experiment that already exists). */
  tags?: Record<string, string>;
}

/** Run statuses as MLflow names them. */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** The statuses a run can end with. */
export type TerminalRunStatus = 'FINISHED' | 'FAILED' | 'KILLED';

/** A run's metadata. */
export interface RunInfo {
  runId: string;
  runName: string | undefined;
  experimentId: string;
  status: RunStatus;
  /** Unix epoch milliseconds. */
  startTime: number | undefined;
  endTime: number | undefined;
  /** e.g. `mlflow-artifacts:/1/<run id>/artifacts`. */
  artifactUri: string;
  lifecycleStage: LifecycleStage;
  userId: string | undefined;
}

/** One recorded metric value. NaN and ±Infinity round-trip as JavaScript numbers. */
export interface Metric {
  key: string;
  value: number;
  /** Unix epoch milliseconds. */
  timestamp: number;
  step: number;
}

/** A run with its data; `metrics` holds the latest value of each metric. */
export interface Run {
  info: RunInfo;
  metrics: Record<string, Metric>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** Param and tag values are stored as strings; these are stringified. */
export type ParamValue = string | number | boolean;

/** A metric to log; `timestamp` defaults to now and `step` to 0. */
export interface MetricInput {
  key: string;
  value: number;
  step?: number;
  timestamp?: number;
}

/** What one `runs.logBatch` call writes; it is split into requests the server accepts. */
export interface LogBatchInput {
  metrics?: readonly MetricInput[];
  params?: Record<string, ParamValue>;
  tags?: Record<string, ParamValue>;
}

/** Options for `runs.create`. */
export interface CreateRunOptions {
  experimentId: string;
  runName?: string;
  /** Unix epoch milliseconds; defaults to now. */
  startTime?: number;
  /** e.g. `mlflow.user`, `mlflow.source.name`, `mlflow.source.git.commit`. */
  tags?: Record<string, ParamValue>;
}

/** Options for `runs.update`. */
export interface UpdateRunOptions {
  status?: RunStatus;
  /** Unix epoch milliseconds. */
  endTime?: number;
  runName?: string;
}

/** Which runs a search sees, by lifecycle. */
export type RunViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** Options for `runs.search` (one page) and `runs.searchAll` (every page). */
export interface SearchRunsOptions {
  experimentIds: readonly string[];
  /** MLflow search syntax, e.g. `metrics.accuracy > 0.9 and params.arch = 'cnn'`. */
  filter?: string;
  /** e.g. `['metrics.accuracy DESC', 'attributes.start_time ASC']`. */
  orderBy?: readonly string[];
  /** Page size (server default 1000, maximum 50000). */
  maxResults?: number;
  pageToken?: string;
  runViewType?: RunViewType;
}

/** One page of results; `nextPageToken` is undefined on the last page. */
export interface Page<T> {
  items: T[];
  nextPageToken: string | undefined;
}

/** One entry of an artifact listing; `path` is relative to the listed root. */
export interface ArtifactFile {
  path: string;
  isDir: boolean;
  /** Bytes; undefined for folders. */
  fileSize: number | undefined;
}

/** What an upload or download of a folder moved. */
export interface ArtifactTransferSummary {
  /** Relative paths (with `/`) of the files moved, sorted. */
  files: string[];
  bytes: number;
}

/** Registered model version states. */
export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

/** A registered model (no stages: they are deprecated in MLflow 3; use aliases). */
export interface RegisteredModel {
  name: string;
  description: string | undefined;
  creationTimestamp: number | undefined;
  lastUpdatedTimestamp: number | undefined;
  tags: Record<string, string>;
  /** alias -> version, e.g. `{ champion: '3' }`. */
  aliases: Record<string, string>;
}

/** A version of a registered model. `version` is a decimal string, as MLflow sends it. */
export interface ModelVersion {
  name: string;
  version: string;
  source: string;
  runId: string | undefined;
  status: ModelVersionStatus;
  statusMessage: string | undefined;
  description: string | undefined;
  creationTimestamp: number | undefined;
  lastUpdatedTimestamp: number | undefined;
  tags: Record<string, string>;
  aliases: string[];
}

/** Options for creating a registered model. */
export interface CreateRegisteredModelOptions {
  description?: string;
  tags?: Record<string, ParamValue>;
}

/** Options for `registry.createModelVersion`. */
export interface CreateModelVersionOptions {
  /** Registered model name; it must exist (see `ensureRegisteredModel`). */
  name: string;
  /** Where the files are, e.g. `${run.info.artifactUri}/model` or `runs:/<run id>/model`. */
  source: string;
  /** The run that produced the files; by default the run named by `source`. */
  runId?: string;
  description?: string;
  tags?: Record<string, ParamValue>;
  /** Wait until the version is READY (default true); throws if registration fails. */
  waitForReady?: boolean;
  /** How long to wait for READY (default 60 s). */
  readyTimeoutMs?: number;
}

/** Options for `registry.searchVersions`. */
export interface SearchModelVersionsOptions {
  /** e.g. `name = 'ring-counter'`, `run_id = '...'`, ``tags.`dataset` = 'x'``. */
  filter?: string;
  orderBy?: readonly string[];
  maxResults?: number;
  pageToken?: string;
}
