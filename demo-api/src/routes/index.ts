import type { Express } from 'express';
import { requireToken } from '../access/require-token';
import type { AppDeps } from '../deps';
import { methodNotAllowed } from '../http/error-handler';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/document';
import { dashboardRoute } from './dashboard';
import { deployedVersionRoute } from './deployed-version';
import { docsRoute } from './docs';
import { healthzRoute } from './healthz';
import { metricsRoute } from './metrics';
import { modelVersionRoute } from './model-version';
import { modelsRoute } from './models';
import { feedbackRoute } from '../monitoring/feedback-route';
import { monitoringRoute } from '../monitoring/monitoring-route';
import { openApiJsonRoute } from './openapi-json';
import { predictRoute } from './predict';
import { predictBatchRoute } from './predict-batch';
import { readyzRoute } from './readyz';
import type { RouteDefinition } from './route';
import { welcomeRoute } from './welcome';

/** Every route of the API. Adding one here serves it, guards it with 405 and documents it. */
export const ROUTES: RouteDefinition[] = [
  welcomeRoute,
  modelsRoute,
  modelVersionRoute,
  deployedVersionRoute,
  predictRoute,
  predictBatchRoute,
  monitoringRoute,
  dashboardRoute,
  feedbackRoute,
  healthzRoute,
  readyzRoute,
  metricsRoute,
  openApiJsonRoute,
  docsRoute,
];

/**
 * Put each guarded route's token check on app; call before the body parsers,
 * so a caller without the token costs a header check, not a parsed body.
 */
export function guardRoutes(app: Express, deps: AppDeps, routes = ROUTES): void {
  for (const route of routes) {
    if (route.access) app[route.method](route.path, requireToken(route.access, deps.config));
  }
}

/**
 * Register routes on app, grouped by path: each method's handlers, then 405 for
 * the others. Returns the OpenAPI document (also at app.locals.openapi).
 */
export function registerRoutes(
  app: Express,
  deps: AppDeps,
  version: string,
  routes = ROUTES,
): OpenApiDocument {
  const document = buildOpenApiDocument(routes, version);
  app.locals.openapi = document;
  const paths = [...new Set(routes.map((r) => r.path))];
  for (const path of paths) {
    const group = routes.filter((r) => r.path === path);
    const route = app.route(path);
    for (const r of group) route[r.method](...r.handlers(deps));
    route.all(methodNotAllowed(group.map((r) => r.method.toUpperCase())));
  }
  return document;
}
