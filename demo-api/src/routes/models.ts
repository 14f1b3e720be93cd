import { listStoredVersions } from '@rings/ring-model/core';
import { z } from 'zod';
import { parseInput } from '../http/validate';
import { modelsResponseSchema } from '../openapi/schemas';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';
import { storeView } from './stored-version-view';

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
    description:
      'In production, without the operations token, metadata shows only name, version, created_at, input, labels and metrics, and errors only their first line without paths.',
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
      const view = storeView(req, config);
      res.json({
        deployed: listing.deployed?.version ?? null,
        deployed_error: view.message(listing.deployedError),
        versions: listing.versions
          .map(view.version)
          .map((v) => (query.metadata ? v : { ...v, metadata: undefined })),
      });
    },
  ],
};
