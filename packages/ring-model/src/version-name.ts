import { z } from 'zod';

/** Model version names: a letter or digit, then up to 63 of [A-Za-z0-9._-]. No paths, no shell. */
export const VERSION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A version name wherever one crosses a boundary (metadata.json, deployed.json, logs, flags). */
export const versionNameSchema = z
  .string()
  .regex(
    VERSION_NAME_PATTERN,
    "not a valid version name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
  )
  .describe('version name, e.g. v1');

/** Registered model (and MLflow experiment) names: they end up in registry filters, logs and UIs. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** The registered model training adds versions to unless MODEL_NAME says otherwise. */
export const DEFAULT_MODEL_NAME = 'ring-counter';

/** A registered model name (MODEL_NAME, metadata.json's name). */
export const modelNameSchema = z
  .string()
  .regex(
    MODEL_NAME_PATTERN,
    "use letters, digits, '.', '_' or '-' (1 to 128, starting with a letter or digit)",
  );

/** Thrown for a version name outside VERSION_NAME_PATTERN. */
export class InvalidVersionNameError extends Error {
  readonly code = 'INVALID_VERSION_NAME';
}

/** Throws unless name is a safe version name (blocks traversal and shell metacharacters). */
export function assertVersionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !VERSION_NAME_PATTERN.test(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name) : typeof name;
    throw new InvalidVersionNameError(
      `invalid model version name ${shown}: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. v1)`,
    );
  }
}

/** The MLflow registry version number behind a name like "v3", or undefined. */
export function registryVersionNumber(name: string): number | undefined {
  const match = /^v(\d+)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}
