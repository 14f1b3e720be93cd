// @rings/data-science: the training library behind `npm run train` and train.ipynb.
export {
  loadTrainingData,
  dataOptionsSchema,
  type DataOptions,
  type TrainingData,
  type SplitData,
} from './data';
export { readIngestDataset, parseDatasetSpec, type CompoundRecord, type IngestDataset } from './dataset';
export { splitRecords, seededHash, SPLIT_NAMES, type SplitName, type SplitOptions } from './split';
export { decodeImages, type DecodeOptions } from './images';
export { useFastStepKernel, isFastStepKernelInUse } from './native-step';
export { recalibrateBatchNorm, type RecalibrationOptions } from './batch-norm-stats';
export { augmentImages, augmentOptionsSchema, type AugmentOptions } from './augment';
export {
  ARCHITECTURES,
  ARCHITECTURE_NAMES,
  DEFAULT_ARCHITECTURE,
  architectureSchema,
  buildModel,
  buildModelOptionsSchema,
  type ArchitectureName,
  type BuildModelOptions,
} from './model';
export {
  trainModel,
  trainOptionsSchema,
  classWeights,
  type TrainOptions,
  type TrainData,
  type TrainResult,
  type TrainHooks,
  type EpochLog,
} from './train';
export { type BatchProgress, type BatchProgressHook } from './batch-progress';
export {
  createTrainingProgress,
  describeProgress,
  type TrainingProgress,
  type TrainingProgressOptions,
  type ProgressStream,
  type ProgressDisplay,
} from './training-progress';
export {
  evaluateModel,
  predictProbabilities,
  scoreProbabilities,
  flattenMetrics,
  type EvaluationReport,
  type ClassificationMetrics,
  type ClassMetrics,
} from './evaluate';
export { imageGridPng } from './image-grid';
export { writeReports, type ReportInput } from './reports';
export { buildModelMetadata, computeBaseline, type MetadataFacts } from './export';
export {
  connectMlflowTracker,
  createNoTracking,
  VERSION_NAME_TAG,
  type Tracker,
  type TrackedRun,
  type RegisteredVersion,
} from './tracking';
export {
  trainVersion,
  trainVersionOptionsSchema,
  formatEpoch,
  formatEvaluation,
  type TrainVersionOptions,
  type TrainVersionResult,
  type TrainVersionContext,
} from './train-version';
export {
  evaluateVersion,
  evaluateVersionOptionsSchema,
  type EvaluateVersionOptions,
} from './evaluate-version';
export { readTrainingEnv, trainingEnvSchema, type TrainingEnv } from './config';
export { TrainingError, EXIT_CODES, type TrainingErrorCode } from './errors';
