import { createMlflowClient, readMlflowConfig } from '@rings/mlflow-client';
import type { BatchProgressHook } from '../batch-progress';
import { connectMlflowTracker, createNoTracking } from '../tracking';
import { ingestBatch } from './ingest-batch';
import { promoteWithUpdateModels } from './promote-version';
import { recordComparisonInMlflow } from './record-comparison';
import type { RetrainDeps } from './retrain';

/** The real collaborators: the ingest and update-models commands, and MLflow unless tracking is off. */
export async function createRetrainDeps(options: {
  tracking: boolean;
  experiment: string;
  modelName: string;
  log: (line: string) => void;
  onBatchEnd?: BatchProgressHook;
}): Promise<RetrainDeps> {
  const names = { experiment: options.experiment, modelName: options.modelName };
  const { log, onBatchEnd } = options;
  const base = { ingest: ingestBatch, promote: promoteWithUpdateModels, log, onBatchEnd };
  if (!options.tracking) return { ...base, tracker: createNoTracking() };
  const tracker = await connectMlflowTracker(names);
  const client = createMlflowClient(readMlflowConfig());
  return { ...base, tracker, record: (record) => recordComparisonInMlflow(client, names, record) };
}
