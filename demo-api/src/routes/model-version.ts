import { assertVersionName, listStoredVersions, VERSION_NAME_PATTERN } from '@rings/ring-model/core';
import { ApiError } from '../errors';
import { modelVersionResponseSchema } from '../openapi/schemas';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';
import { storeView } from './stored-version-view';

export const modelVersionRoute: RouteDefinition = {
  method: 'get',
  path: '/models/:version',
  doc: {
    summary: 'One stored version and its metadata',
    description: 'In production, without the operations token, trimmed as in GET /models/.',
    tags: ['models'],
    parameters: [
      {
        name: 'version',
        in: 'path',
        required: true,
        description: 'a version name, e.g. v1',
        schema: { type: 'string', pattern: VERSION_NAME_PATTERN.source },
      },
    ],
    responses: {
      200: jsonResponse('the version', modelVersionResponseSchema),
      ...errorResponses('INVALID_VERSION_NAME', 'VERSION_NOT_FOUND'),
    },
  },
  handlers: ({ config }) => [
    async (req, res) => {
      const name = req.params.version;
      assertVersionName(name);
      const listing = await listStoredVersions(config.MODEL_STORE_DIR);
      const found = listing.versions.find((v) => v.version === name);
      if (!found)
        throw new ApiError('VERSION_NOT_FOUND', `version ${name} is not in the model store; see /models/`);
      res.json(storeView(req, config).version(found));
    },
  ],
};
