// Runs whose training process died while MLflow was unreachable stay RUNNING on
// the server. Each run records the host and pid that trained it; the next
// training that reaches the server ends such runs of this host as FAILED.
import os from 'node:os';
import { MlflowResourceDoesNotExistError, type MlflowClient } from '@rings/mlflow-client';

export const HOST_TAG = 'ring.host';
export const PID_TAG = 'ring.pid';

/** The tags that let a later training recognise this process's runs. */
export function ownerTags(): Record<string, string> {
  return { [HOST_TAG]: os.hostname(), [PID_TAG]: String(process.pid) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** End as FAILED the RUNNING runs of `experiment` started on this host by a process that is gone; returns their ids. */
export async function failAbandonedRuns(client: MlflowClient, experiment: string): Promise<string[]> {
  const found = await client.experiments.getByName(experiment).catch((err: unknown) => {
    if (err instanceof MlflowResourceDoesNotExistError) return null;
    throw err;
  });
  if (!found) return [];
  const host = os.hostname().replace(/'/g, '');
  const running = await client.runs.searchAll({
    experimentIds: [found.experimentId],
    filter: `attributes.status = 'RUNNING' and tags.\`${HOST_TAG}\` = '${host}'`,
  });
  const abandoned = running.filter((run) => {
    const pid = Number(run.tags[PID_TAG]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
  for (const run of abandoned) {
    const message = `training process ${run.tags[PID_TAG]} ended while MLflow was unreachable; marked FAILED by the next training`;
    await client.runs.logBatch(run.info.runId, { tags: { 'error.message': message } });
    await client.runs.terminate(run.info.runId, 'FAILED');
  }
  return abandoned.map((run) => run.info.runId);
}
