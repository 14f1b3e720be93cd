import { ApiError } from '../errors';
import { deployedVersionResponseSchema } from '../openapi/schemas';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const deployedVersionRoute: RouteDefinition = {
  method: 'get',
  path: '/deployed_version/',
  doc: {
    summary: 'The deployed version, when it was promoted, and what this process serves',
    tags: ['models'],
    responses: {
      200: jsonResponse('the deployed pointer', deployedVersionResponseSchema),
      ...errorResponses('NOTHING_DEPLOYED'),
    },
  },
  handlers: ({ registry }) => [
    (_req, res) => {
      const { pointer, serving, switches } = registry.status();
      if (!pointer) {
        throw new ApiError(
          'NOTHING_DEPLOYED',
          'no version is deployed; promote one with ./update-models.sh <version>',
        );
      }
      res.json({
        ...pointer,
        serving_version: serving?.version ?? null,
        loaded_at: serving?.loaded_at ?? null,
        history: switches,
      });
    },
  ],
};
