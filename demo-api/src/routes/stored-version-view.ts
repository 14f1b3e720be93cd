import type { ModelMetadata, StoredVersion } from '@rings/ring-model/core';
import type { Request } from 'express';
import { hasAccess } from '../access/require-token';
import type { ServerConfig } from '../config';
import { summarizeForProduction } from '../http/redact';

/** The metadata.json fields anyone may see; training details, baseline and hashes need the operations token. */
export const PUBLIC_METADATA_FIELDS = {
  schema_version: true,
  name: true,
  version: true,
  created_at: true,
  input: true,
  labels: true,
  metrics: true,
} as const;

type PublicMetadata = Pick<ModelMetadata, keyof typeof PUBLIC_METADATA_FIELDS>;

/** How much of the store this request may see: all of it, or (production without the operations token) the public part. */
export function storeView(req: Request, config: ServerConfig) {
  const full = hasAccess(req, config, 'operations');
  const shown = (text: string | null) =>
    full || text === null ? text : summarizeForProduction(text, config.MODEL_STORE_DIR);
  return {
    /** An internal message (a corrupt file's) as this request may see it. */
    message: shown,
    version(
      v: StoredVersion,
    ): Omit<StoredVersion, 'metadata'> & { metadata: ModelMetadata | PublicMetadata | null } {
      if (full) return v;
      const metadata =
        v.metadata &&
        (Object.fromEntries(
          Object.keys(PUBLIC_METADATA_FIELDS).map((key) => [key, v.metadata![key as keyof PublicMetadata]]),
        ) as PublicMetadata);
      return { ...v, metadata, error: shown(v.error) };
    },
  };
}
