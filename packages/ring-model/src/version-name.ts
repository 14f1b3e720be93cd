/** Model version names: a letter or digit, then up to 63 of [A-Za-z0-9._-]. No paths, no shell. */
export const VERSION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

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
