import type { z } from 'zod';
import { ERROR_STATUS, type ApiErrorCode } from '../errors';
import { errorBodySchema } from '../openapi/schemas';
import type { ResponseDoc } from './route';

/** A documented JSON response. */
export function jsonResponse(description: string, schema: z.ZodType): ResponseDoc {
  return { description, schema };
}

/** Documented error responses, one per status, naming the codes behind it. */
export function errorResponses(...codes: ApiErrorCode[]): Record<number, ResponseDoc> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      { description: list.join(', '), schema: errorBodySchema },
    ]),
  );
}
