import type { z } from 'zod';
import { ApiError } from '../errors';

/**
 * Parse request input (query string or JSON body) with a zod schema; 400
 * VALIDATION_FAILED with one "path: message" per problem otherwise.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'query' | 'body',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ApiError('VALIDATION_FAILED', `invalid ${where}: ${message}`, { issues });
}
