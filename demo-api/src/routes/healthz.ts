import { healthResponseSchema } from '../openapi/schemas';
import { jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const healthzRoute: RouteDefinition = {
  method: 'get',
  path: '/healthz',
  doc: {
    summary: 'Liveness: the process answers',
    tags: ['service'],
    responses: { 200: jsonResponse('alive', healthResponseSchema) },
  },
  handlers: () => [(_req, res) => void res.json({ status: 'ok', uptime_seconds: process.uptime() })],
};
