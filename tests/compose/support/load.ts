// Steady prediction traffic from several connections, counting every answer.
import { readFileSync } from 'node:fs';

export interface LoadResult {
  sent: number;
  failed: number;
  /** Answers per model_version. */
  versions: Record<string, number>;
  /** Answers per replica slot of the load balancer (its X-Served-By header). */
  servedBy: Record<string, number>;
  /** The request_id of every answered prediction. */
  requestIds: string[];
  /** Milliseconds of every answered request. */
  latenciesMs: number[];
  /** The first few failures, for the assertion message. */
  failures: string[];
  seconds: number;
}

/** The p-th percentile (0..100) of values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** POST image to url/predict/ from `connections` loops until stop() is called, or `limit` requests were sent. */
export function startLoad(url: string, imagePath: string, connections: number, limit = Infinity) {
  const image = new Blob([readFileSync(imagePath)], { type: 'image/png' });
  const result: LoadResult = {
    sent: 0,
    failed: 0,
    versions: {},
    servedBy: {},
    requestIds: [],
    latenciesMs: [],
    failures: [],
    seconds: 0,
  };
  let running = true;
  const started = Date.now();
  const fail = (why: string) => {
    result.failed += 1;
    if (result.failures.length < 5) result.failures.push(why);
  };
  const loop = async () => {
    while (running && result.sent < limit) {
      const form = new FormData();
      form.append('image', image, 'compound.png');
      result.sent += 1;
      const sentAt = performance.now();
      try {
        const response = await fetch(`${url}/predict/`, { method: 'POST', body: form });
        const body = (await response.json()) as { model_version?: string; request_id?: string };
        if (response.status !== 200 || !body.model_version) {
          fail(`${response.status} ${JSON.stringify(body)}`);
          continue;
        }
        result.latenciesMs.push(performance.now() - sentAt);
        result.versions[body.model_version] = (result.versions[body.model_version] ?? 0) + 1;
        const slot = response.headers.get('x-served-by') ?? 'direct';
        result.servedBy[slot] = (result.servedBy[slot] ?? 0) + 1;
        if (body.request_id) result.requestIds.push(body.request_id);
      } catch (err) {
        fail(String((err as Error).cause ?? err));
      }
    }
  };
  const loops = Promise.all(Array.from({ length: connections }, loop));
  return {
    result,
    /** Resolves when `limit` requests were answered (or stop() was called). */
    done: loops.then(() => result),
    stop: async (): Promise<LoadResult> => {
      running = false;
      await loops;
      result.seconds = (Date.now() - started) / 1000;
      return result;
    },
  };
}
