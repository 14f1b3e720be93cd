// Everything: core.ts (no TensorFlow) plus loading, saving, predicting,
// planning and promoting models, which need TensorFlow.
export * from './core';
export { tf, assertNativeBackend, describeTensorflow, NativeTensorflowError } from './tensorflow';
export { saveModelFiles, loadModelFiles, type LoadedModel } from './model-files';
export { predictPixelBatch, predictImages, type BatchPredictor } from './predict';
export {
  compileInferencePlan,
  planDeviation,
  verifiedInferencePlan,
  planForMode,
  PLAN_TOLERANCE,
  type InferencePlan,
} from './inference-plan';
export {
  loadWarmModel,
  assertModelUsable,
  promoteVersion,
  rollbackVersion,
  assertProvenance,
  type Provenance,
  type ProvenanceOptions,
  type PromoteOptions,
  type PromoteResult,
  type RollbackOptions,
} from './store';
