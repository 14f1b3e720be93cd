import { existsSync } from 'node:fs';
import path from 'node:path';

/** How to start the inference thread: a script and the data it is given. */
export interface WorkerScript {
  filename: string;
  workerData?: { entry: string };
}

/**
 * The compiled worker.js next to this module. Under jest this module is
 * TypeScript source and jest's transform does not reach worker threads: the
 * thread then starts through scripts/jest/typescript-worker.js, which compiles
 * worker.ts and what it imports with swc, as jest does.
 */
export function inferenceWorkerScript(): WorkerScript {
  const compiled = path.join(__dirname, 'worker.js');
  if (!__filename.endsWith('.ts')) return { filename: compiled };
  const bootstrap = path.resolve(__dirname, '../../../../scripts/jest/typescript-worker.js');
  if (!existsSync(bootstrap)) throw new Error(`no compiled ${compiled} and no ${bootstrap}`);
  return { filename: bootstrap, workerData: { entry: path.join(__dirname, 'worker.ts') } };
}
