import path from 'node:path';

/** The repository root (this file is in packages/mlflow-server/src or dist). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
