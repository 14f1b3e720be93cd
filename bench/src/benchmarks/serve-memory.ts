import { promoteVersion } from '@rings/ring-model';
import { runLoad, type LoadResult } from '../load';
import type { Server } from '../processes';

type Body = { body: Buffer; contentType: string };

async function rssSamples(server: Server, count = 3): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, 200));
    out.push(await server.rssMiB());
  }
  return out;
}

/** Resident memory of a fresh API after the first and the second checkpoint of requests (concurrency 16). */
export async function measureMemory(
  server: Server,
  request: Body,
  checkpoints: [number, number],
): Promise<{ first: number[]; second: number[]; sent: [number, number] }> {
  const load = (n: number): Promise<LoadResult> =>
    runLoad({
      url: `${server.url}/predict/`,
      connections: 16,
      durationSeconds: 600,
      maxRequests: n,
      ...request,
    });
  const a = await load(checkpoints[0]);
  const first = await rssSamples(server);
  const b = await load(checkpoints[1] - checkpoints[0]);
  const second = await rssSamples(server);
  return { first, second, sent: [a.ok + a.failed, a.ok + a.failed + b.ok + b.failed] };
}

/** Load at concurrency 16 while `count` promotions alternate between two stored versions. */
export async function loadDuringPromotions(
  server: Server,
  request: Body,
  storeDir: string,
  versions: [string, string],
  count: number,
): Promise<{ load: LoadResult; promoted: number }> {
  const intervalMs = 500;
  const loading = runLoad({
    url: `${server.url}/predict/`,
    connections: 16,
    durationSeconds: Math.ceil((count * intervalMs) / 1000) + 3,
    maxRequests: 1_000_000,
    ...request,
  });
  let promoted = 0;
  await new Promise((r) => setTimeout(r, 1000));
  for (let i = 1; i <= count; i++) {
    await promoteVersion({ storeDir, version: versions[i % 2] });
    promoted++;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return { load: await loading, promoted };
}
