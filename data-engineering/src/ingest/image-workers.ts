import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlaceCommand } from './place-image';
import {
  handleImageRequest,
  type ImageRequest,
  type ImageResponse,
  type ImageWorkerSetup,
} from './image-requests';

type CheckResults = Extract<ImageResponse, { results: unknown }>['results'];

/** A pool of image workers: batches go round-robin; replies resolve in any order. */
export interface ImageWorkers {
  check(images: (string | undefined)[]): Promise<CheckResults>;
  place(commands: PlaceCommand[]): Promise<void>;
  close(): Promise<void>;
}

type Pending = Map<number, { resolve: (r: CheckResults) => void; reject: (e: Error) => void }>;

/**
 * Starts `count` worker threads running image-worker; with `count` 0 the same
 * handler runs on the main thread (useful to debug, slower).
 */
export function startImageWorkers(setup: ImageWorkerSetup, count: number): ImageWorkers {
  let nextId = 0;
  let turn = 0;
  if (count === 0) {
    const handle = handleImageRequest(setup);
    const send = async (request: ImageRequest) => unwrap(await handle(request));
    return {
      check: (images) => send({ id: nextId++, kind: 'check', images }),
      place: async (commands) => void (await send({ id: nextId++, kind: 'place', commands })),
      close: async () => undefined,
    };
  }
  const workers = Array.from({ length: count }, () => spawnWorker(setup));
  const send = (request: ImageRequest) => {
    const worker = workers[turn++ % workers.length];
    return new Promise<CheckResults>((resolve, reject) => {
      worker.pending.set(request.id, { resolve, reject });
      worker.thread.postMessage(request);
    });
  };
  return {
    check: (images) => send({ id: nextId++, kind: 'check', images }),
    place: async (commands) => void (await send({ id: nextId++, kind: 'place', commands })),
    close: async () => void (await Promise.all(workers.map((w) => w.thread.terminate()))),
  };
}

function spawnWorker(setup: ImageWorkerSetup): { thread: Worker; pending: Pending } {
  const pending: Pending = new Map();
  const thread = createThread(setup);
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  thread.on('message', (response: ImageResponse) => {
    const waiter = pending.get(response.id);
    pending.delete(response.id);
    try {
      waiter?.resolve(unwrap(response));
    } catch (error) {
      waiter?.reject(error as Error);
    }
  });
  thread.on('error', failAll);
  thread.on('exit', (code) => failAll(new Error(`an image worker stopped (exit code ${code})`)));
  return { thread, pending };
}

function unwrap(response: ImageResponse): CheckResults {
  if ('error' in response) throw new Error(response.error);
  return response.results;
}

/**
 * From dist/ the worker is plain JavaScript. Under jest (src/, TypeScript) it is
 * compiled on load with @swc/core, the compiler the tests already use.
 */
function createThread(setup: ImageWorkerSetup): Worker {
  // A worker holds one batch at a time; small heaps keep the process's peak RSS
  // flat however many records stream through (inflating allocates a lot, briefly).
  const options = {
    workerData: setup,
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
  };
  const compiled = path.join(__dirname, 'image-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, options);
  const source = path.join(__dirname, 'image-worker.ts');
  const swc = require.resolve('@swc/core', { paths: [__dirname] });
  const bootstrap = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require(${JSON.stringify(swc)});
    require.extensions['.ts'] = (module, filename) => {
      const options = { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } };
      module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename);
    };
    require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
