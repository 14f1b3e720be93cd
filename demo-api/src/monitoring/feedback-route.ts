import { UnknownRequestIdError } from '@rings/ring-model/core';
import { z } from 'zod';
import { ApiError } from '../errors';
import { parseInput } from '../http/validate';
import { errorResponses, jsonResponse } from '../routes/responses';
import type { RouteDefinition } from '../routes/route';
import { requireMonitoring } from './monitoring-route';
import { feedbackBodySchema, feedbackResponseSchema } from './monitoring-schemas';

export const feedbackRoute: RouteDefinition = {
  method: 'post',
  path: '/feedback/',
  doc: {
    summary: 'The true ring count of an earlier prediction (feeds live accuracy)',
    description:
      'curl -H "Content-Type: application/json" -d \'{"request_id": "<id>", "num_rings": 3}\' ' +
      'http://localhost:8080/feedback/',
    tags: ['monitoring'],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: z.toJSONSchema(feedbackBodySchema, { target: 'openapi-3.0', io: 'input' }),
        },
      },
    },
    responses: {
      200: jsonResponse('what the feedback says about the prediction', feedbackResponseSchema),
      ...errorResponses('VALIDATION_FAILED', 'INVALID_JSON', 'NOT_FOUND', 'UNSUPPORTED_MEDIA_TYPE'),
    },
  },
  handlers: ({ monitoring }) => [
    async (req, res) => {
      const service = requireMonitoring(monitoring);
      const body = parseInput(feedbackBodySchema, req.body ?? {}, 'body');
      try {
        res.json(await service.feedback(body));
      } catch (err) {
        if (!(err instanceof UnknownRequestIdError)) throw err;
        throw new ApiError('NOT_FOUND', err.message, { request_id: body.request_id }, { cause: err });
      }
    },
  ],
};
