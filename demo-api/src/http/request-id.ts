import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext, type RequestContext } from '../request-context';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's ids (set by assignRequestId). */
export function requestContextOf(res: Response): RequestContext {
  return res.locals.requestContext as RequestContext;
}

/** The request's server-issued id: prediction ids and feedback use it. */
export function requestIdOf(res: Response): string {
  return requestContextOf(res).requestId;
}

/**
 * Give every request an id the server issues (a new UUID): it names the
 * request's predictions, which feedback refers to, and goes into every log line
 * written while serving the request. The X-Request-Id response header echoes
 * the client's X-Request-Id when it is a safe token (also logged, as
 * client_request_id, for correlation), else carries the server's id. A client
 * never chooses a prediction's id.
 */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const offered = req.get('x-request-id');
  const clientRequestId = offered && CLIENT_ID.test(offered) ? offered : undefined;
  const context: RequestContext = { requestId: randomUUID(), clientRequestId };
  res.locals.requestContext = context;
  res.setHeader('X-Request-Id', clientRequestId ?? context.requestId);
  requestContext.run(context, next);
}
