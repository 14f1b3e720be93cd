import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from '../errors';

/**
 * Limit each client IP to `perMinute` requests per minute (0: no limit). Over
 * it: 429 RATE_LIMITED with Retry-After, before the body is read.
 */
export function limitRequests(perMinute: number, what: string): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, next) => {
      const retryAfter = String(res.getHeader('Retry-After') ?? 60);
      next(
        new ApiError(
          'RATE_LIMITED',
          `more than ${perMinute} ${what} requests per minute from this address; retry after ${retryAfter} s`,
          { limit_per_minute: perMinute },
          { headers: { 'Retry-After': retryAfter } },
        ),
      );
    },
  });
}
