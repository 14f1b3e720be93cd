import { z } from 'zod';
import { ACCESS } from '../access/require-token';
import { errorResponses } from '../routes/responses';
import type { OperationDoc, ResponseDoc, RouteDefinition } from '../routes/route';

/** The parts of an OpenAPI 3 document this API produces. */
export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
}

const SECURITY_SCHEMES = {
  [ACCESS.labeller.scheme]: {
    type: 'http',
    scheme: 'bearer',
    description:
      'the labeller token (FEEDBACK_TOKEN or FEEDBACK_TOKEN_FILE). Required when set; in production a route is closed (403) until it is set; in development and test, open while unset.',
  },
  [ACCESS.operations.scheme]: {
    type: 'http',
    scheme: 'bearer',
    description:
      'the operations token (OPERATIONS_TOKEN or OPERATIONS_TOKEN_FILE). Required when set; in production a route is closed (403) until it is set; in development and test, open while unset. Also shows GET /models/ in full in production.',
  },
};

/** '/models/:version' -> '/models/{version}' */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function describeResponse(response: ResponseDoc): Record<string, unknown> {
  const alternatives = Object.fromEntries(
    (response.alternatives ?? []).map((type) => [type, { schema: { type: 'string' } }]),
  );
  if (response.schema) {
    const schema = z.toJSONSchema(response.schema, {
      target: 'openapi-3.0',
      io: 'output',
      unrepresentable: 'any',
    });
    return {
      description: response.description,
      content: { 'application/json': { schema }, ...alternatives },
    };
  }
  if (response.contentType) {
    return {
      description: response.description,
      content: { [response.contentType]: { schema: { type: 'string' } } },
    };
  }
  return { description: response.description };
}

function describeOperation(route: RouteDefinition): Record<string, unknown> {
  const { summary, description, tags, parameters, requestBody }: OperationDoc = route.doc;
  const responses = route.access
    ? { ...route.doc.responses, ...errorResponses('UNAUTHORIZED', 'FORBIDDEN') }
    : route.doc.responses;
  return {
    operationId: `${route.method}${toOpenApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
    summary,
    ...(description && { description }),
    tags,
    ...(parameters && { parameters }),
    ...(requestBody && { requestBody }),
    ...(route.access && { security: [{ [ACCESS[route.access].scheme]: [] }] }),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, r]) => [status, describeResponse(r)]),
    ),
  };
}

/** The OpenAPI 3 document of a route table (each route written as its docs). */
export function buildOpenApiDocument(routes: RouteDefinition[], version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: describeOperation(route) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'ring-count demo API',
      version,
      description:
        'Counts the rings of a chemical compound from a 2D drawing. Every path also works without (or with) its trailing slash. Errors are {"error": {"code", "message", "details"?}}.',
    },
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}
