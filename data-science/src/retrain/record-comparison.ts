import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MlflowClient } from '@rings/mlflow-client';
import type { VersionScore } from './compare-models';
import type { PromotionDecision } from './decide-promotion';

/** What one retraining round decided, as written to comparison.json and MLflow. */
export interface ComparisonRecord {
  time: string;
  raw_batch: string | null;
  dataset_version: string;
  candidate: VersionScore & { run_id: string | null; registry_version: string | null };
  deployed: VersionScore | null;
  decision: PromotionDecision;
  /** promoted, kept (not better), or promotion_failed. */
  outcome: 'promoted' | 'kept' | 'promotion_failed';
  force: boolean;
  min_gain: number;
}

/**
 * Log the comparison as its own MLflow run (params, metrics, tags, the
 * comparison.json artifact) in the training experiment, and tag the candidate's
 * run and registry version with the outcome. Returns the comparison run's id.
 */
export async function recordComparisonInMlflow(
  client: MlflowClient,
  names: { experiment: string; modelName: string },
  record: ComparisonRecord,
): Promise<string> {
  const { candidate, deployed } = record;
  const runId = await client.withRun(
    {
      experimentName: names.experiment,
      runName: `retrain ${candidate.version} vs ${deployed?.version ?? 'nothing'}`,
      params: {
        candidate: candidate.version,
        deployed: deployed?.version ?? 'none',
        raw_batch: record.raw_batch ?? 'none',
        dataset_version: record.dataset_version,
        test_images: candidate.n,
        force: record.force,
        min_gain: record.min_gain,
      },
      tags: {
        'ring.kind': 'retrain-comparison',
        'ring.candidate': candidate.version,
        'ring.deployed': deployed?.version ?? 'none',
        'ring.outcome': record.outcome,
        ...(candidate.run_id ? { 'ring.candidate_run_id': candidate.run_id } : {}),
        'mlflow.note.content': record.decision.reason,
      },
    },
    async (run) => {
      run.logMetrics({
        candidate_test_accuracy: candidate.accuracy,
        candidate_test_mae: candidate.mae,
        ...(deployed
          ? {
              deployed_test_accuracy: deployed.accuracy,
              deployed_test_mae: deployed.mae,
              accuracy_gain: candidate.accuracy - deployed.accuracy,
              mae_gain: deployed.mae - candidate.mae,
            }
          : {}),
        promoted: record.outcome === 'promoted' ? 1 : 0,
      });
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'retrain-'));
      try {
        await fs.writeFile(path.join(dir, 'comparison.json'), `${JSON.stringify(record, null, 2)}\n`);
        await run.logArtifact(path.join(dir, 'comparison.json'));
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
      return run.runId;
    },
  );
  if (candidate.run_id) {
    await client.runs.setTag(candidate.run_id, 'ring.promotion_outcome', record.outcome);
    await client.runs.setTag(candidate.run_id, 'ring.compared_with', deployed?.version ?? 'none');
  }
  if (candidate.registry_version) {
    await client.registry.setVersionTag(
      names.modelName,
      candidate.registry_version,
      'ring.promotion_outcome',
      record.outcome,
    );
  }
  return runId;
}
