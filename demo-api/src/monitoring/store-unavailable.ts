import { ApiError } from '../errors';
import { MonitoringStoreUnavailableError } from './store/monitoring-store';

/** Rethrow a shared store's outage as 503 MONITORING_UNAVAILABLE (Retry-After: 5); anything else as it is. */
export function rethrowStoreError(err: unknown): never {
  if (err instanceof MonitoringStoreUnavailableError) {
    throw new ApiError('MONITORING_UNAVAILABLE', err.message, undefined, {
      cause: err,
      headers: { 'Retry-After': '5' },
    });
  }
  throw err;
}
