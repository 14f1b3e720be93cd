import { rethrowStoreError } from './store-unavailable';
import { ApiError } from '../errors';
import { errorResponses, jsonResponse } from '../routes/responses';
import type { RouteDefinition } from '../routes/route';
import { monitoringResponseSchema } from './monitoring-schemas';
import type { MonitoringService } from './monitoring-service';

/** The monitoring service of the app, or 404 when this process runs without one. */
export function requireMonitoring(monitoring: MonitoringService | undefined): MonitoringService {
  if (!monitoring) throw new ApiError('NOT_FOUND', 'monitoring is not enabled in this process');
  return monitoring;
}

export const monitoringRoute: RouteDefinition = {
  method: 'get',
  path: '/monitoring/',
  access: 'operations',
  doc: {
    summary: 'Drift, certainty and live accuracy of the serving version; whether to retrain',
    description: 'See docs/monitoring.md for how to read it.',
    tags: ['monitoring'],
    responses: {
      200: jsonResponse('the monitoring report', monitoringResponseSchema),
      ...errorResponses('NOT_FOUND', 'MONITORING_UNAVAILABLE'),
    },
  },
  handlers: ({ monitoring }) => [
    async (_req, res) => {
      res.json(await requireMonitoring(monitoring).report().catch(rethrowStoreError));
    },
  ],
};
