import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '../request-context';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id (set by assignRequestId). */
export function requestIdOf(res: Response): string {
  return res.locals.requestId as string;
}

/**
 * Give every request an id: the client's X-Request-Id when it is a safe token,
 * else a new UUID. It goes back in the X-Request-Id header, into every log line
 * written while serving the request, and into prediction bodies.
 */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const offered = req.get('x-request-id');
  const requestId = offered && CLIENT_ID.test(offered) ? offered : randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId }, next);
}
