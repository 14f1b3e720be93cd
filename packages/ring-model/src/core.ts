// What needs no TensorFlow: labels, preprocessing, metadata, predictions as
// data, the model store's reading side, monitoring statistics. A process that imports only
// this (the API's main thread: its models live in the inference thread) never
// loads tfjs-node. index.ts adds the TensorFlow parts.
export { DEFAULT_NUM_CLASSES, ringCountToClass, classLabel, classLabels } from './labels';
export {
  preprocessImage,
  preprocessingSchema,
  ImageDecodeError,
  PREPROCESSING_METHODS,
  DEFAULT_TRAINING_METHOD,
  type PreprocessingMethod,
  type PreprocessingOptions,
  type PreprocessingInput,
  type PreprocessedImage,
} from './preprocess';
export {
  VERSION_NAME_PATTERN,
  versionNameSchema,
  MODEL_NAME_PATTERN,
  DEFAULT_MODEL_NAME,
  modelNameSchema,
  assertVersionName,
  registryVersionNumber,
  InvalidVersionNameError,
} from './version-name';
export {
  trainingRecipeSchema,
  TRAINING_RECIPE_DEFAULTS,
  LEARNING_RATE_SCHEDULES,
  CLASS_WEIGHT_MODES,
  type TrainingRecipe,
  type TrainingRecipeInput,
  type LearningRateSchedule,
  type ClassWeightMode,
} from './training-recipe';
export { recordedRecipeSchema, recipeToFileRecord, type RecordedRecipe } from './recipe-file';
export {
  DATASET_FILES,
  DATASET_CSV_COLUMNS,
  datasetRowSchema,
  datasetManifestSchema,
  ingestRunSchema,
  type DatasetRow,
  type DatasetManifest,
  type IngestCounts,
} from './dataset-contract';
export { zodIssueLines, formatZodIssues, type IssueLike, type IssueLineOptions } from '@rings/zod-issues';
export {
  METADATA_SCHEMA_VERSION,
  PLAIN_FILE_NAME,
  fileSha256Schema,
  modelMetadataSchema,
  monitoringBaselineSchema,
  histogramSchema,
  parseModelMetadata,
  encodeModelMetadata,
  InvalidMetadataError,
  type ModelMetadata,
  type ModelMetadataFile,
  type FileSha256,
  type MonitoringBaseline,
  type Histogram,
} from './metadata';
export { MODEL_FILES, readModelMetadata } from './metadata-file';
export {
  SHA256_TAG_PREFIX,
  sha256OfFile,
  hashModelFiles,
  sha256Tags,
  sha256FromTags,
  assertFileSha256,
} from './file-sha256';
export {
  parseWeightsManifest,
  assertWeightFileNames,
  readWeightsManifest,
  type WeightsManifest,
} from './weights-manifest';
export { stackPixels, probabilitiesToPredictions, type Prediction } from './predictions';
export { ModelStoreError, type ModelStoreErrorCode } from './store/errors';
export { DEPLOYED_FILE, storePaths, type StorePaths } from './store/layout';
export {
  deployedPointerSchema,
  parseDeployedPointer,
  readDeployedPointer,
  type DeployedPointer,
} from './store/pointer';
export { withStoreLock, type StoreLockOptions } from './store/lock';
export { PROMOTION_STEPS, type PromotionStep } from './store/promotion-steps';
export { listStoredVersions, type StoredVersion, type StoreListing } from './store/list';
// monitoring statistics: the list is monitoring/index.ts
export * from './monitoring';
