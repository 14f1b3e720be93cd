import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * The CORS policy: browsers on the listed origins may call the API ("*": any
 * origin); with none listed, no CORS headers are sent and browsers keep other
 * sites out. Credentials are never allowed (the API has no cookies).
 */
export function corsPolicy(origins: string[]): RequestHandler {
  return cors({
    origin: origins.includes('*') ? '*' : origins.length > 0 ? origins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    credentials: false,
    maxAge: 600,
  });
}
