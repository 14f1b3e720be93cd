import { z } from 'zod';
import { ApiError } from '../errors';
import { parseInput } from '../http/validate';
import { errorResponses, jsonResponse } from '../routes/responses';
import type { RouteDefinition } from '../routes/route';
import { rethrowStoreError } from './store-unavailable';
import { FeedbackAlreadyRecordedError, UnknownRequestIdError } from './live/live-monitor';
import { requireMonitoring } from './monitoring-route';
import { feedbackBodySchema, feedbackResponseSchema } from './monitoring-schemas';

export const feedbackRoute: RouteDefinition = {
  method: 'post',
  path: '/feedback/',
  access: 'labeller',
  doc: {
    summary: 'The true ring count of an earlier prediction (feeds live accuracy), once per prediction',
    description:
      'curl -H "Authorization: Bearer $FEEDBACK_TOKEN" -H "Content-Type: application/json" ' +
      '-d \'{"request_id": "<id>", "num_rings": 3}\' http://localhost:8080/feedback/ ; ' +
      'request_id is the one the prediction returned (issued by the server); a second feedback for it gets 409; ' +
      'RATE_LIMIT_FEEDBACK_PER_MINUTE per client address, else 429.',
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
      ...errorResponses(
        'VALIDATION_FAILED',
        'INVALID_JSON',
        'NOT_FOUND',
        'DUPLICATE_FEEDBACK',
        'UNSUPPORTED_MEDIA_TYPE',
        'RATE_LIMITED',
        'MONITORING_UNAVAILABLE',
      ),
    },
  },
  handlers: ({ monitoring }) => [
    async (req, res) => {
      const body = parseInput(feedbackBodySchema, req.body ?? {}, 'body');
      const service = requireMonitoring(monitoring);
      try {
        res.json(await service.feedback(body));
      } catch (err) {
        const details = { request_id: body.request_id };
        if (err instanceof UnknownRequestIdError)
          throw new ApiError('NOT_FOUND', err.message, details, { cause: err });
        if (err instanceof FeedbackAlreadyRecordedError)
          throw new ApiError('DUPLICATE_FEEDBACK', err.message, details, { cause: err });
        rethrowStoreError(err);
      }
    },
  ],
};
