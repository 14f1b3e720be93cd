// Access's share of the API's environment, spread into serverEnvSchema: the
// labeller and operations tokens (or *_FILE variables naming secrets files)
// and the feedback rate limit.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const token = (what: string) =>
  z
    .string()
    .min(16, 'use at least 16 characters, e.g. the output of `openssl rand -hex 32`')
    .regex(/^[\x21-\x7e]+$/, 'use printable ASCII without spaces')
    .optional()
    .describe(what);

/** Environment variables of access control (all optional). */
export const accessEnv = {
  FEEDBACK_TOKEN: token(
    'labeller token: POST /feedback/ needs "Authorization: Bearer <it>" when set; in production, unset closes the route (403)',
  ),
  OPERATIONS_TOKEN: token(
    'operations token: GET /metrics and GET /monitoring/ need it when set, and it shows /models/ in full; in production, unset closes them (403)',
  ),
  RATE_LIMIT_FEEDBACK_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(120)
    .describe('requests per client IP and minute on /feedback/, else 429 (0: no limit)'),
};

/** The variables that may instead be read from the file a <NAME>_FILE variable names. */
const SECRET_VARIABLES = ['FEEDBACK_TOKEN', 'OPERATIONS_TOKEN', 'MONITORING_DATABASE_URL'] as const;

/**
 * The environment with each <NAME>_FILE's content (without its final newline)
 * as <NAME>, and one "VARIABLE: message" line per problem.
 */
export function readSecretFiles(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; issues: string[] } {
  const resolved = { ...env };
  const issues: string[] = [];
  for (const name of SECRET_VARIABLES) {
    // empty means unset (compose passes `${FEEDBACK_TOKEN:-}` when .env has none)
    if (resolved[name] === '') delete resolved[name];
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (resolved[name]) {
      issues.push(`${name}_FILE: set ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      issues.push(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { env: resolved, issues };
}
