// Wire shapes of the model registry API, validated with zod and mapped to the
// public types. Stage fields (current_stage, latest_versions) are ignored.
import { z } from 'zod';
import { toRecord, wireInt, wireTag } from './wire-tracking';
import type { ModelVersion, RegisteredModel } from './types';

export const wireRegisteredModel = z.object({
  name: z.string(),
  description: z.string().optional(),
  creation_timestamp: wireInt.optional(),
  last_updated_timestamp: wireInt.optional(),
  tags: z.array(wireTag).default([]),
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).default([]),
});

export const wireModelVersion = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string().default(''),
  run_id: z.string().optional(),
  status: z.enum(['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY']).default('READY'),
  status_message: z.string().optional(),
  description: z.string().optional(),
  creation_timestamp: wireInt.optional(),
  last_updated_timestamp: wireInt.optional(),
  tags: z.array(wireTag).default([]),
  aliases: z.array(z.string()).default([]),
});

const emptyToUndefined = (s: string | undefined) => (s === '' ? undefined : s);

export function toRegisteredModel(m: z.infer<typeof wireRegisteredModel>): RegisteredModel {
  return {
    name: m.name,
    description: emptyToUndefined(m.description),
    creationTimestamp: m.creation_timestamp,
    lastUpdatedTimestamp: m.last_updated_timestamp,
    tags: toRecord(m.tags),
    aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])),
  };
}

export function toModelVersion(v: z.infer<typeof wireModelVersion>): ModelVersion {
  return {
    name: v.name,
    version: v.version,
    source: v.source,
    runId: emptyToUndefined(v.run_id),
    status: v.status,
    statusMessage: emptyToUndefined(v.status_message),
    description: emptyToUndefined(v.description),
    creationTimestamp: v.creation_timestamp,
    lastUpdatedTimestamp: v.last_updated_timestamp,
    tags: toRecord(v.tags),
    aliases: v.aliases,
  };
}
