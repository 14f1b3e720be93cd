import path from 'node:path';

/** The repository root: three levels above this file (data-engineering/{src,dist}/shared/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
