import type { RouteDefinition } from './route';

export const metricsRoute: RouteDefinition = {
  method: 'get',
  path: '/metrics',
  access: 'operations',
  doc: {
    summary: 'Prometheus metrics (text exposition format)',
    tags: ['service'],
    responses: { 200: { description: 'metrics', contentType: 'text/plain' } },
  },
  handlers: ({ metrics }) => [
    async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  ],
};
