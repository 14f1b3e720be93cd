// @rings/lease-lock: the lock file both the model store (ring-model) and the
// ingest (data-engineering) take. Its owner (pid, host, token, lease) decides
// when it is stale; files are created exclusively and removed only if unchanged.
export {
  DEFAULT_LEASE_MS,
  lockOwnerSchema,
  newOwner,
  parseOwner,
  isStale,
  describeOwner,
} from './lock-owner';
export type { LockOwner } from './lock-owner';
export { readLock, tryCreateLock, renewLock, removeLockIf } from './lock-file';
export type { LockRead } from './lock-file';
