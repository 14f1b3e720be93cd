// metadata.json of an exported model version: preprocessing, labels, training
// facts, test metrics and the monitoring baseline from the validation split.
import {
  METADATA_SCHEMA_VERSION,
  buildMonitoringBaseline,
  probabilitiesToPredictions,
  tf,
  type ModelMetadata,
  type MonitoringBaseline,
  type RecordedRecipe,
  type PreprocessedImage,
} from '@rings/ring-model';
import type { SplitData, TrainingData } from './data';
import { predictProbabilities } from './evaluate';

/** What metadata.json records about training. */
export interface MetadataFacts {
  name: string;
  version: string;
  architecture: string;
  hyperparameters: RecordedRecipe;
  mlflowRunId: string | null;
  mlflowExperiment: string | null;
  gitCommit: string | null;
  trainSeconds: number;
  metrics: Record<string, number>;
  monitoring?: MonitoringBaseline;
}

/** Build the metadata of a trained model (saveModelFiles validates and encodes it). */
export function buildModelMetadata(data: TrainingData, facts: MetadataFacts): ModelMetadata {
  return {
    schema_version: METADATA_SCHEMA_VERSION,
    name: facts.name,
    version: facts.version,
    created_at: new Date().toISOString(),
    input: data.preprocessing,
    labels: { num_classes: data.numClasses, names: data.labels },
    training: {
      architecture: facts.architecture,
      hyperparameters: facts.hyperparameters,
      dataset_version: data.datasetVersion,
      mlflow_run_id: facts.mlflowRunId,
      mlflow_experiment: facts.mlflowExperiment,
      git_commit: facts.gitCommit,
      train_seconds: facts.trainSeconds,
    },
    metrics: facts.metrics,
    monitoring: facts.monitoring,
  };
}

/** The drift-monitoring baseline: the model's answers and input statistics on a split. */
export async function computeBaseline(
  model: tf.LayersModel,
  split: SplitData,
  numClasses: number,
): Promise<MonitoringBaseline> {
  if (split.pixels === undefined) throw new RangeError('the baseline needs a split that kept its pixels');
  const size = split.xs.shape[1];
  const area = size * size;
  const pixels = split.pixels;
  const images: PreprocessedImage[] = split.records.map((_, i) => ({
    size,
    pixels: pixels.subarray(i * area, (i + 1) * area),
  }));
  const predictions = probabilitiesToPredictions(await predictProbabilities(model, split.xs), numClasses);
  return buildMonitoringBaseline(predictions, images, { numClasses });
}
