import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Wrap a body-reading middleware so what runs after it keeps the request's async
 * context (its request_id in logs): stream callbacks otherwise lose it.
 */
export function bindToRequest(middleware: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => middleware(req, res, AsyncResource.bind(next));
}
