import type { AppDeps } from '../deps';
import { summarizeForProduction } from '../http/redact';
import type { RegistryStatus } from './model-registry';

/**
 * The registry's status as responses may show it: in production, a refusal's
 * reason is its first line without paths (the error log has it whole).
 */
export function shownStatus({ registry, config }: Pick<AppDeps, 'registry' | 'config'>): RegistryStatus {
  const status = registry.status();
  if (config.NODE_ENV !== 'production' || !status.refused) return status;
  const reason = summarizeForProduction(status.refused.reason, config.MODEL_STORE_DIR);
  return { ...status, refused: { ...status.refused, reason } };
}
