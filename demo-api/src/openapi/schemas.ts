// Response bodies as zod schemas: the OpenAPI document is generated from them,
// and the tests check real responses against them.
import { deployedPointerSchema, modelMetadataSchema } from '@rings/ring-model/core';
import { z } from 'zod';
import { ERROR_STATUS } from '../errors';
import { PUBLIC_METADATA_FIELDS } from '../routes/stored-version-view';

const errorCodes = Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes).describe('what went wrong, for programs'),
    message: z.string().describe('what went wrong and how to fix it, for people'),
    details: z.unknown().optional().describe('structured specifics (limits, offending field, ...)'),
  }),
});

export const predictionSchema = z.object({
  prediction: z
    .number()
    .int()
    .nonnegative()
    .describe('predicted class: the ring count (the last class: K-1 or more)'),
  label: z.string().describe('human label of the class, e.g. "3" or "6+"'),
  confidence: z.number().min(0).max(1).describe('probability of the predicted class'),
  probabilities: z.array(z.number()).describe('softmax output, one per class'),
});

export const predictResponseSchema = predictionSchema.extend({
  model_version: z.string().describe('the model version that answered'),
  request_id: z
    .string()
    .describe(
      'issued by the server; quote it in POST /feedback/ (also in the X-Request-Id header unless the client sent its own)',
    ),
});

export const batchResponseSchema = z.object({
  model_version: z.string(),
  request_id: z.string(),
  predictions: z.array(
    predictionSchema.extend({
      index: z.number().int().nonnegative().describe('position of the file in the request'),
      filename: z.string().nullable(),
      request_id: z.string().describe('"<request id>:<index>": the id of this image for feedback'),
    }),
  ),
});

const publicMetadataSchema = modelMetadataSchema.pick(PUBLIC_METADATA_FIELDS);

const storedVersionSchema = z.object({
  version: z.string(),
  deployed: z.boolean(),
  metadata: z
    .union([modelMetadataSchema, publicMetadataSchema])
    .nullable()
    .optional()
    .describe(
      'metadata.json; left out with ?metadata=false; in production without the operations token, only its public fields',
    ),
  error: z.string().nullable().describe('why metadata.json could not be read'),
});

export const modelsResponseSchema = z.object({
  deployed: z.string().nullable().describe('the deployed version (deployed.json), null when none'),
  deployed_error: z
    .string()
    .nullable()
    .describe(
      'why deployed.json could not be read (it is corrupt: promote a version again), null when it could',
    ),
  versions: z.array(storedVersionSchema),
});

export const modelVersionResponseSchema = storedVersionSchema;

export const deployedVersionResponseSchema = deployedPointerSchema.extend({
  serving_version: z.string().nullable().describe('what this process serves now (differs while it switches)'),
  loaded_at: z.string().nullable().describe('when this process loaded serving_version'),
  history: z
    .array(
      z.object({
        version: z.string(),
        loaded_at: z.string().describe('when this process started serving it'),
        promoted_at: z
          .string()
          .nullable()
          .describe("deployed.json's promoted_at, when it named this version"),
        previous: z.string().nullable().describe('the version this process served before'),
      }),
    )
    .describe('the versions this process switched to since it started, oldest first (the last 50)'),
});

const refusalSchema = z
  .object({ version: z.string().nullable(), reason: z.string(), at: z.string() })
  .nullable()
  .describe('the last version this process refused to serve, and why');

export const readyResponseSchema = z.object({
  status: z.literal('ready'),
  model_version: z.string(),
  loaded_at: z.string(),
  deployed_version: z.string().nullable(),
  refused: refusalSchema,
});

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  uptime_seconds: z.number().nonnegative(),
});

export const welcomeResponseSchema = z.object({
  name: z.string(),
  description: z.string(),
  model_version: z.string().nullable(),
  links: z.record(z.string(), z.string()).describe('the main routes'),
});

export const openApiDocumentSchema = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
