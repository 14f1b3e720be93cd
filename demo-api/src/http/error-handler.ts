import type { NextFunction, Request, Response } from 'express';
import { ApiError, toApiError } from '../errors';
import type { Logger } from '../logger';
import { redactStoreDir } from './redact';

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Codes whose details are a dump (zod issues) that production bodies leave out; the message says it all. */
const DUMPS: readonly string[] = ['VALIDATION_FAILED'];

/**
 * The one place errors become responses: {error: {code, message, details?}}
 * with the code's status. Client faults are logged as warnings; anything else
 * is a 500 whose stack stays in the logs (and whose message does too, in
 * production, where no body names the store's path or carries a validation dump).
 */
export function handleErrors(logger: Logger, options: { production: boolean; storeDir?: string }) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const error = toApiError(err);
    if (error.status >= 500 && error.code === 'INTERNAL') logger.error({ err }, 'unexpected error');
    else logger.warn({ code: error.code, status: error.status, message: error.message }, 'request refused');
    const { production, storeDir } = options;
    const hidden = error.code === 'INTERNAL' && production;
    const scrub = <T>(value: T): T => (production && storeDir ? redactStoreDir(value, storeDir) : value);
    const message = hidden
      ? 'internal error; quote the X-Request-Id header when reporting it'
      : scrub(error.message);
    const body: ErrorBody = { error: { code: error.code, message } };
    const dump = production && DUMPS.includes(error.code);
    if (error.details !== undefined && !hidden && !dump) body.error.details = scrub(error.details);
    res.status(error.status).set(error.headers).json(body);
  };
}

/** 404 for any path no route knows. */
export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new ApiError('NOT_FOUND', `no route ${req.method} ${req.path}; see /docs for the API`));
}

/** 405 (with Allow) for a known path and a method it does not serve; OPTIONS gets 204 and Allow. */
export function methodNotAllowed(allowed: string[]) {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'OPTIONS') {
      res.set('Allow', allow).status(204).end();
      return;
    }
    next(
      new ApiError(
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed on ${req.path}; use ${allowed.join(' or ')}`,
        {
          allowed,
        },
        { headers: { Allow: allow } },
      ),
    );
  };
}
