import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ServerConfig } from '../config';
import { ApiError } from '../errors';

/** Who may call a route besides anyone: labellers (feedback) or operators (internals). */
export type Access = 'labeller' | 'operations';

/** Each access level's token variable, its OpenAPI security scheme and its realm. */
export const ACCESS = {
  labeller: { variable: 'FEEDBACK_TOKEN', scheme: 'labellerToken', realm: 'ring-count feedback' },
  operations: { variable: 'OPERATIONS_TOKEN', scheme: 'operationsToken', realm: 'ring-count operations' },
} as const satisfies Record<Access, { variable: keyof ServerConfig; scheme: string; realm: string }>;

type AccessConfig = Pick<ServerConfig, 'NODE_ENV' | 'FEEDBACK_TOKEN' | 'OPERATIONS_TOKEN'>;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Authorization: Bearer <expected>`, compared in constant time. */
function bearerMatches(req: Request, expected: string): boolean {
  const offered = /^Bearer +([\x21-\x7e]+) *$/i.exec(req.get('authorization') ?? '')?.[1];
  // Digests have one length whatever was sent, so the comparison time says nothing of the token.
  return offered !== undefined && timingSafeEqual(digest(offered), digest(expected));
}

/** Whether this request may see what `access` guards (open when no token is configured outside production). */
export function hasAccess(req: Request, config: AccessConfig, access: Access): boolean {
  const token = config[ACCESS[access].variable];
  if (!token) return config.NODE_ENV !== 'production';
  return bearerMatches(req, token);
}

/**
 * Guard a route with the access level's token: 401 (with WWW-Authenticate)
 * without it or with a wrong one; in production, 403 while no token is
 * configured; outside production, open while none is.
 */
export function requireToken(access: Access, config: AccessConfig): RequestHandler {
  const { variable, realm } = ACCESS[access];
  const token = config[variable];
  return (req, _res, next) => {
    if (!token) {
      if (config.NODE_ENV !== 'production') return next();
      return next(
        new ApiError(
          'FORBIDDEN',
          `${req.method} ${req.path} is closed on this production server: set ${variable} (or ${variable}_FILE) and send it as Authorization: Bearer <token>`,
        ),
      );
    }
    if (bearerMatches(req, token)) return next();
    const sent = req.get('authorization') !== undefined;
    const challenge = `Bearer realm="${realm}"${sent ? ', error="invalid_token"' : ''}`;
    next(
      new ApiError(
        'UNAUTHORIZED',
        `${req.method} ${req.path} needs the ${access} token: send Authorization: Bearer <${variable}>` +
          (sent ? '; the token sent is not it' : ''),
        undefined,
        { headers: { 'WWW-Authenticate': challenge } },
      ),
    );
  };
}
