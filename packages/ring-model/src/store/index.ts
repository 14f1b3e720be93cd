export { ModelStoreError, type ModelStoreErrorCode } from './errors';
export { DEPLOYED_FILE, LOCK_FILE, storePaths, type StorePaths } from './layout';
export {
  deployedPointerSchema,
  parseDeployedPointer,
  readDeployedPointer,
  writeDeployedPointer,
  type DeployedPointer,
} from './pointer';
export { withStoreLock, type LockOwner, type StoreLockOptions } from './lock';
export { loadWarmModel, assertModelUsable } from './validate';
export { PROMOTION_STEPS, type PromotionStep } from './promotion-steps';
export { promoteVersion, type PromoteOptions, type PromoteResult } from './promote';
export { assertProvenance, type Provenance, type ProvenanceOptions } from './provenance';
export { rollbackVersion, type RollbackOptions } from './rollback';
export { listStoredVersions, type StoredVersion, type StoreListing } from './list';
