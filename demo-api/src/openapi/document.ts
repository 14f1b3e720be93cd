import { z } from 'zod';
import type { OperationDoc, ResponseDoc, RouteDefinition } from '../routes/route';

/** The parts of an OpenAPI 3 document this API produces. */
export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
}

/** '/models/:version' -> '/models/{version}' */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function describeResponse(response: ResponseDoc): Record<string, unknown> {
  if (response.schema) {
    const schema = z.toJSONSchema(response.schema, {
      target: 'openapi-3.0',
      io: 'output',
      unrepresentable: 'any',
    });
    return { description: response.description, content: { 'application/json': { schema } } };
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
  const { summary, description, tags, parameters, requestBody, responses }: OperationDoc = route.doc;
  return {
    operationId: `${route.method}${toOpenApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
    summary,
    ...(description && { description }),
    tags,
    ...(parameters && { parameters }),
    ...(requestBody && { requestBody }),
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
  };
}
