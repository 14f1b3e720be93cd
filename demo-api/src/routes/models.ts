import { listStoredVersions } from '@rings/ring-model/core';
import { z } from 'zod';
import { parseInput } from '../http/validate';
import { modelsResponseSchema } from '../openapi/schemas';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';

const querySchema = z.strictObject({
  metadata: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('include each version metadata.json'),
});

export const modelsRoute: RouteDefinition = {
  method: 'get',
  path: '/models/',
  doc: {
    summary: 'The versions in the model store, their metadata, and which one is deployed',
    tags: ['models'],
    parameters: [
      {
        name: 'metadata',
        in: 'query',
        description: 'include each version metadata.json (default true)',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
    ],
    responses: {
      200: jsonResponse('the store', modelsResponseSchema),
      ...errorResponses('VALIDATION_FAILED'),
    },
  },
  handlers: ({ config }) => [
    async (req, res) => {
      const query = parseInput(querySchema, req.query, 'query');
      const listing = await listStoredVersions(config.MODEL_STORE_DIR);
      res.json({
        deployed: listing.deployed?.version ?? null,
        deployed_error: listing.deployedError,
        versions: listing.versions.map((v) => (query.metadata ? v : { ...v, metadata: undefined })),
      });
    },
  ],
};
