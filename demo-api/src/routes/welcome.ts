import { welcomeResponseSchema } from '../openapi/schemas';
import { jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const welcomeRoute: RouteDefinition = {
  method: 'get',
  path: '/',
  doc: {
    summary: 'Welcome, with links to the docs and the main routes',
    tags: ['service'],
    responses: { 200: jsonResponse('welcome', welcomeResponseSchema) },
  },
  handlers: ({ registry }) => [
    (_req, res) => {
      res.json({
        name: 'ring-count demo API',
        description: 'Counts the rings of a chemical compound from a 2D drawing. POST an image to /predict/.',
        model_version: registry.status().serving?.version ?? null,
        links: {
          docs: '/docs',
          openapi: '/openapi.json',
          predict: '/predict/',
          predict_batch: '/predict/batch/',
          models: '/models/',
          deployed_version: '/deployed_version/',
          metrics: '/metrics',
        },
      });
    },
  ],
};
