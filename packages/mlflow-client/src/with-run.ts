// withRun: a run's whole life in one call. Creates the run, hands the body an
// ActiveRun with buffered metrics, then ends it FINISHED, or FAILED with the
// error recorded as tags when the body throws.
import os from 'node:os';
import path from 'node:path';
import type { ActiveRun, ArtifactsApi, ExperimentsApi, MlflowClient, RunsApi, WithRunOptions } from './api';
import { MlflowInvalidParameterError } from './errors';
import { MetricBuffer } from './metric-buffer';
import type { ParamValue } from './types';

/** Run tag values are capped at 8000 characters by the server. */
const maxTagLength = 8000;

function defaultTags(): Record<string, string> {
  const tags: Record<string, string> = { 'mlflow.source.type': 'LOCAL' };
  if (process.argv[1] !== undefined) tags['mlflow.source.name'] = path.basename(process.argv[1]);
  try {
    tags['mlflow.user'] = os.userInfo().username;
  } catch {
    // no passwd entry (some containers): leave the user unset
  }
  return tags;
}

/** The tags that record why a run failed. */
export function errorTags(err: unknown): Record<string, string> {
  const error = err instanceof Error ? err : new Error(String(err));
  const cut = (s: string) => (s.length > maxTagLength ? `${s.slice(0, maxTagLength - 3)}...` : s);
  return {
    'error.name': error.name,
    'error.message': cut(error.message),
    'error.stack': cut(error.stack ?? ''),
  };
}

interface Deps {
  experiments: ExperimentsApi;
  runs: RunsApi;
  artifacts: ArtifactsApi;
}

async function resolveExperimentId(experiments: ExperimentsApi, options: WithRunOptions): Promise<string> {
  if (options.experimentId !== undefined) return options.experimentId;
  if (options.experimentName !== undefined)
    return (await experiments.getOrCreate(options.experimentName)).experimentId;
  throw new MlflowInvalidParameterError('withRun needs experimentId or experimentName', {
    code: 'INVALID_PARAMETER_VALUE',
  });
}

export function createWithRun({ experiments, runs, artifacts }: Deps): MlflowClient['withRun'] {
  return async (options, body) => {
    const experimentId = await resolveExperimentId(experiments, options);
    const tags = { ...defaultTags(), ...options.tags };
    const { info } = await runs.create({ experimentId, runName: options.runName, tags });
    const runId = info.runId;
    const buffer = new MetricBuffer({
      send: (metrics) => runs.logBatch(runId, { metrics }),
      flushIntervalMs: options.flushIntervalMs ?? 5000,
      maxBuffered: options.maxBufferedMetrics ?? 1000,
    });
    const run: ActiveRun = {
      runId,
      experimentId,
      artifactUri: info.artifactUri,
      info,
      logMetric: (key, value, step) => buffer.add({ key, value, step }),
      logMetrics: (values, step) => {
        for (const [key, value] of Object.entries(values)) buffer.add({ key, value, step });
      },
      logParams: (params: Record<string, ParamValue>) => runs.logBatch(runId, { params }),
      setTags: (values: Record<string, ParamValue>) => runs.logBatch(runId, { tags: values }),
      flush: () => buffer.flush(),
      logArtifact: (localFile, artifactPath) =>
        artifacts.uploadFile(info.artifactUri, localFile, artifactPath),
      logArtifacts: (localDir, artifactPath) =>
        artifacts.uploadDirectory(info.artifactUri, localDir, artifactPath),
    };
    let result: Awaited<ReturnType<typeof body>>;
    try {
      if (options.params !== undefined) await run.logParams(options.params);
      result = await body(run);
      await buffer.close();
    } catch (err) {
      // Best effort: keep what was logged, record the error, end FAILED, and rethrow the body's error.
      await buffer.close().catch(() => undefined);
      await runs.logBatch(runId, { tags: errorTags(err) }).catch(() => undefined);
      await runs.terminate(runId, 'FAILED').catch(() => undefined);
      throw err;
    }
    await runs.terminate(runId, 'FINISHED');
    return result;
  };
}
