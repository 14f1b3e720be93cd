// Steady prediction traffic from several connections, counting every answer.
import { readFileSync } from 'node:fs';

export interface LoadResult {
  sent: number;
  failed: number;
  /** Answers per model_version. */
  versions: Record<string, number>;
  /** The first few failures, for the assertion message. */
  failures: string[];
}

/** POST image to url/predict/ from `connections` loops until stop() is called. */
export function startLoad(url: string, imagePath: string, connections: number) {
  const image = new Blob([readFileSync(imagePath)], { type: 'image/png' });
  const result: LoadResult = { sent: 0, failed: 0, versions: {}, failures: [] };
  let running = true;
  const fail = (why: string) => {
    result.failed += 1;
    if (result.failures.length < 5) result.failures.push(why);
  };
  const loop = async () => {
    while (running) {
      const form = new FormData();
      form.append('image', image, 'compound.png');
      result.sent += 1;
      try {
        const response = await fetch(`${url}/predict/`, { method: 'POST', body: form });
        const body = (await response.json()) as { model_version?: string };
        if (response.status !== 200 || !body.model_version)
          fail(`${response.status} ${JSON.stringify(body)}`);
        else result.versions[body.model_version] = (result.versions[body.model_version] ?? 0) + 1;
      } catch (err) {
        fail(String(err));
      }
    }
  };
  const loops = Array.from({ length: connections }, loop);
  return {
    result,
    stop: async (): Promise<LoadResult> => {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}
