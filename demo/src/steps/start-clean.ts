import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { signalProcess } from '@rings/child-process';
import { pidFileIn } from '@rings/mlflow-server';
import type { DemoStep } from '../demo';
import type { DemoPaths } from '../paths';

/** What a run leaves in the demo folder; nothing else there is ever removed. */
const RUN_OUTPUTS = [
  'mlflow',
  'data',
  'chemblRaw',
  'chemblData',
  'trafficRaw',
  'dlq',
  'trained',
  'reports',
  'store',
  'apiLog',
] as const;

/** Refuse to clean up under a demo that still serves (npm run demo -- --serve in another terminal). */
function assertNoDemoRunning(paths: DemoPaths): void {
  const pidFile = pidFileIn(paths.mlflow);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (Number.isInteger(pid) && pid > 0 && signalProcess(pid, 0, true)) {
    throw new Error(
      `an earlier demo's MLflow server (pid ${pid}) still runs on ${paths.mlflow}: stop that demo (Ctrl-C) or run npm run mlflow -- stop --dir ${paths.mlflow}, then run the demo again`,
    );
  }
}

/** Remove what an earlier run left in the demo folder; returns the names removed. */
export async function removeEarlierRun(paths: DemoPaths): Promise<string[]> {
  assertNoDemoRunning(paths);
  const found = RUN_OUTPUTS.map((key) => paths[key]).filter((p) => existsSync(p));
  await Promise.all(found.map((p) => rm(p, { recursive: true, force: true })));
  await mkdir(paths.dir, { recursive: true });
  return found.map((p) => path.basename(p));
}

export const startCleanStep: DemoStep = {
  title: 'Start clean',
  why: 'each run works in a fresh demo folder: what an earlier run left there is removed first.',
  async run(demo) {
    const removed = await removeEarlierRun(demo.paths);
    console.log(
      removed.length > 0
        ? `   removed the earlier run's ${removed.join(', ')} from ${demo.paths.dir}`
        : `   ${demo.paths.dir} holds no earlier run`,
    );
  },
};
