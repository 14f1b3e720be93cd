import { ApiError } from '../errors';
import { shownStatus } from '../model/shown-status';
import { readyResponseSchema } from '../openapi/schemas';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const readyzRoute: RouteDefinition = {
  method: 'get',
  path: '/readyz',
  doc: {
    summary: 'Readiness: a model is loaded and warm (503 with the reason otherwise)',
    description:
      'Ready while an older version serves after a newer one was refused; `refused` says why. 503 while the process drains on SIGTERM (SHUTDOWN_DRAIN_MS), so a load balancer stops sending to it.',
    tags: ['service'],
    responses: { 200: jsonResponse('ready', readyResponseSchema), ...errorResponses('MODEL_NOT_READY') },
  },
  handlers: (deps) => [
    (_req, res) => {
      const { pointer, serving, refused } = shownStatus(deps);
      if (!serving || deps.lifecycle?.draining) {
        const reason = deps.lifecycle?.draining
          ? 'shutting down; finishing the requests in flight'
          : refused
            ? `version ${refused.version} was refused: ${refused.reason}`
            : pointer
              ? `version ${pointer.version} is loading`
              : 'no version is deployed; promote one with ./update-models.sh <version>';
        throw new ApiError('MODEL_NOT_READY', `not ready: ${reason}`, {
          deployed_version: pointer?.version ?? null,
          refused,
        });
      }
      res.json({
        status: 'ready',
        model_version: serving.version,
        loaded_at: serving.loaded_at,
        deployed_version: pointer?.version ?? null,
        refused,
      });
    },
  ],
};
