// Experiment tracking behind one small interface: MLflow (through
// @rings/mlflow-client) or nothing at all (--no-tracking).
import {
  createMlflowClient,
  readMlflowConfig,
  type ActiveRun,
  type MlflowClient,
  type ParamValue,
} from '@rings/mlflow-client';
import { MODEL_NAME_PATTERN, sha256Tags, type FileSha256 } from '@rings/ring-model';
import { failAbandonedRuns, ownerTags } from './abandoned-runs';
import { TrainingError } from './errors';

/** The registry version tag that names a version (update-models finds versions by it). */
export const VERSION_NAME_TAG = 'ring.version_name';

/** A registered model version. */
export interface RegisteredVersion {
  name: string;
  version: string;
  source: string;
}

/** One tracked run, as training uses it. */
export interface TrackedRun {
  /** null without tracking. */
  readonly runId: string | null;
  readonly experiment: string | null;
  logMetrics(values: Record<string, number>, step?: number): void;
  logArtifact(localFile: string, artifactPath?: string): Promise<void>;
  logArtifacts(localDir: string, artifactPath?: string): Promise<void>;
  /**
   * Register `<run artifacts>/model` as a version tagged with its name and the
   * sha256 of its files (ring.sha256.<file>, checked on promotion); null without tracking.
   */
  registerModel(versionName: string, fileSha256: FileSha256): Promise<RegisteredVersion | null>;
}

/** Where runs go. */
export interface Tracker {
  readonly description: string;
  /** Throws INVALID_OPTIONS when the version name is already registered. */
  assertVersionNameFree(versionName: string): Promise<void>;
  run<T>(
    init: { runName: string; params: Record<string, ParamValue>; tags: Record<string, ParamValue> },
    body: (run: TrackedRun) => Promise<T>,
  ): Promise<T>;
}

/** A tracker that records nothing (--no-tracking). */
export function createNoTracking(): Tracker {
  const run: TrackedRun = {
    runId: null,
    experiment: null,
    logMetrics: () => undefined,
    logArtifact: async () => undefined,
    logArtifacts: async () => undefined,
    registerModel: async () => null,
  };
  return {
    description: 'no tracking',
    assertVersionNameFree: async () => undefined,
    run: (_init, body) => body(run),
  };
}

/**
 * An MLflow tracker; fails fast (TRACKING_UNAVAILABLE) when the server does not
 * answer. MLFLOW_TRACKING_URI and friends come from `env`.
 */
export async function connectMlflowTracker(options: {
  experiment: string;
  modelName: string;
  env?: Record<string, string | undefined>;
}): Promise<Tracker> {
  assertSafeName('experiment', options.experiment);
  assertSafeName('registered model name', options.modelName);
  const config = readMlflowConfig(options.env);
  const client = createMlflowClient({ ...config, retry: { ...config.retry, maxRetries: 3 } });
  try {
    await client.assertReachable(5000);
  } catch (err) {
    throw new TrainingError(
      'TRACKING_UNAVAILABLE',
      `MLflow is not reachable at ${client.trackingUri}: start it (npm run mlflow -- start), set MLFLOW_TRACKING_URI, or train with --no-tracking`,
      { cause: err },
    );
  }
  // Housekeeping in one quick attempt: it never blocks or delays a training much.
  const quick = createMlflowClient({
    ...config,
    retry: { ...config.retry, maxRetries: 0 },
    timeoutMs: Math.min(config.timeoutMs, 5000),
  });
  await failAbandonedRuns(quick, options.experiment).catch(() => undefined);
  return {
    description: `MLflow ${client.trackingUri}, experiment ${options.experiment}, model ${options.modelName}`,
    assertVersionNameFree: (versionName) => assertVersionNameFree(client, options.modelName, versionName),
    run: (init, body) =>
      client.withRun(
        { experimentName: options.experiment, ...init, tags: { ...init.tags, ...ownerTags() } },
        (active) => body(trackedRun(client, active, options)),
      ),
  };
}

/** MLflow names end up in registry filters, logs and UIs: plain names only, like MODEL_NAME. */

function assertSafeName(what: string, name: string): void {
  if (!MODEL_NAME_PATTERN.test(name)) {
    throw new TrainingError(
      'INVALID_OPTIONS',
      `invalid ${what} ${JSON.stringify(name)}: use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
}

function trackedRun(
  client: MlflowClient,
  active: ActiveRun,
  options: { experiment: string; modelName: string },
): TrackedRun {
  return {
    runId: active.runId,
    experiment: options.experiment,
    logMetrics: (values, step) => active.logMetrics(values, step),
    logArtifact: (file, artifactPath) =>
      active.logArtifact(file, artifactPath).catch((err: unknown) => {
        throw keptLocally(err, file, active.runId);
      }),
    logArtifacts: async (dir, artifactPath) => {
      await active.logArtifacts(dir, artifactPath).catch((err: unknown) => {
        throw keptLocally(err, dir, active.runId);
      });
    },
    registerModel: async (versionName, fileSha256) => {
      await active.flush();
      await client.registry.ensureRegisteredModel(options.modelName, {
        description: 'Counts the rings in a 2D drawing of a chemical compound',
      });
      const version = await client.registry.createModelVersion({
        name: options.modelName,
        source: `${active.artifactUri}/model`,
        runId: active.runId,
        tags: { [VERSION_NAME_TAG]: versionName, ...sha256Tags(fileSha256) },
      });
      return { name: version.name, version: version.version, source: version.source };
    },
  };
}

/** An upload failed: say what is safe on disk and what becomes of the run. */
function keptLocally(err: unknown, local: string, runId: string): TrainingError {
  return new TrainingError(
    'TRACKING_UNAVAILABLE',
    `${(err as Error).message}\n${local} is kept on disk. The MLflow run ${runId} ends as FAILED ` +
      '(now if the server answers, else when the next training reaches it).',
    { cause: err },
  );
}

async function assertVersionNameFree(
  client: MlflowClient,
  modelName: string,
  versionName: string,
): Promise<void> {
  // Both names match safe patterns (checked before this), so they need no quoting.
  const page = await client.registry.searchVersions({
    filter: `name = '${modelName}' and tags.\`${VERSION_NAME_TAG}\` = '${versionName}'`,
    maxResults: 1,
  });
  const taken = page.items[0];
  if (taken !== undefined) {
    throw new TrainingError(
      'INVALID_OPTIONS',
      `version name ${versionName} is already registry version ${taken.version} of ${modelName}: versions are immutable, choose a new name`,
    );
  }
}
