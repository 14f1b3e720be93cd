import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Access } from '../access/require-token';
import type { AppDeps } from '../deps';

/** One documented response of an operation. */
export interface ResponseDoc {
  description: string;
  /** The JSON body's schema (also used by the tests to check real responses). */
  schema?: z.ZodType;
  /** Non-JSON bodies: their media type (text/plain, text/html). */
  contentType?: string;
  /** Other media types the same status answers with, by content negotiation (Accept: text/html). */
  alternatives?: string[];
}

/** An OpenAPI parameter (query or path). */
export interface ParameterDoc {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: Record<string, unknown>;
}

/** The OpenAPI description of one route. */
export interface OperationDoc {
  summary: string;
  description?: string;
  tags: string[];
  parameters?: ParameterDoc[];
  /** Raw OpenAPI requestBody (multipart bodies are simplest written out). */
  requestBody?: Record<string, unknown>;
  responses: Record<number, ResponseDoc>;
}

/**
 * A route: method, Express path (written as documented; served with and without
 * the trailing slash), OpenAPI description, handlers.
 */
export interface RouteDefinition {
  method: 'get' | 'post';
  path: string;
  doc: OperationDoc;
  /** Who besides anyone may call it (a token; see access/require-token.ts); public when absent. */
  access?: Access;
  handlers(deps: AppDeps): RequestHandler[];
}
