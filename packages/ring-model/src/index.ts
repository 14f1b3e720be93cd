export { tf, assertNativeBackend, describeTensorflow, NativeTensorflowError } from './tensorflow';
export { DEFAULT_NUM_CLASSES, ringCountToClass, classLabel, classLabels } from './labels';
export {
  preprocessImage,
  preprocessingSchema,
  ImageDecodeError,
  type PreprocessingOptions,
  type PreprocessingInput,
  type PreprocessedImage,
} from './preprocess';
export {
  VERSION_NAME_PATTERN,
  assertVersionName,
  registryVersionNumber,
  InvalidVersionNameError,
} from './version-name';
export {
  METADATA_SCHEMA_VERSION,
  modelMetadataSchema,
  monitoringBaselineSchema,
  histogramSchema,
  parseModelMetadata,
  InvalidMetadataError,
  type ModelMetadata,
  type ModelMetadataInput,
  type MonitoringBaseline,
  type Histogram,
} from './metadata';
export {
  MODEL_FILES,
  saveModelFiles,
  readModelMetadata,
  loadModelFiles,
  type LoadedModel,
} from './model-files';
export { imagesToTensor, probabilitiesToPredictions, predictImages, type Prediction } from './predict';
export {
  ModelStoreError,
  DEPLOYED_FILE,
  storePaths,
  deployedPointerSchema,
  parseDeployedPointer,
  readDeployedPointer,
  withStoreLock,
  loadWarmModel,
  assertModelUsable,
  PROMOTION_STEPS,
  promoteVersion,
  rollbackVersion,
  listStoredVersions,
  type ModelStoreErrorCode,
  type StorePaths,
  type DeployedPointer,
  type StoreLockOptions,
  type PromotionStep,
  type PromoteOptions,
  type PromoteResult,
  type RollbackOptions,
  type StoredVersion,
  type StoreListing,
} from './store';
