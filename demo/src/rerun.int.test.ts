// Issue 17: a second `npm run demo` in the same folder failed at "Train v1"
// ("v1 already exists: exported versions are immutable"). The demo's steps up
// to that one, twice in one folder, on the real raw data, the real training CLI
// and the integration project's MLflow server.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDemoConfig } from './config';
import { createDemo } from './demo';
import { runSteps, stopStarted } from './run-steps';
import { chemblBatchStep, ingestStep, startCleanStep, startMlflowStep, trainV1Step } from './steps';
import { readCompounds, TRAFFIC_MOLECULES } from './steps/traffic';

// Up to the step that failed, and the ChEMBL batch after it (its folders are removed too).
const STEPS = [startCleanStep, startMlflowStep, ingestStep, trainV1Step, chemblBatchStep];

async function runDemoSteps(dir: string): Promise<string> {
  const { MODEL_NAME: _chosenName, ...env } = process.env; // the demo picks a name per run
  const demo = createDemo(
    readDemoConfig(
      {
        ...env,
        RING_DEMO_DIR: dir,
        RING_DEMO_EPOCHS: '1',
        RING_DEMO_IMAGE_SIZE: '32',
        RING_DEMO_CHEMBL_RECORDS: '100',
      },
      [],
    ),
  );
  const printed: string[] = [];
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((line: unknown) => void printed.push(String(line)));
  try {
    await runSteps(demo, STEPS);
  } finally {
    log.mockRestore();
    await stopStarted(demo);
  }
  return printed.join('\n');
}

describe('npm run demo, run twice in the same folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ring-demo-rerun-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the steps run a second time, then the earlier run is removed, said so, and v1 trains again', async () => {
    const first = await runDemoSteps(dir);
    const second = await runDemoSteps(dir);
    expect(first).toMatch(/holds no earlier run/);
    expect(second).toMatch(
      /removed the earlier run's data, raw-data-chembl, data-chembl, raw-data-traffic, dlq\.log, trained, reports from /,
    );
    expect(second).toMatch(/registering as ring-counter-demo-\d{14}/);
    expect(existsSync(path.join(dir, 'trained', 'v1', 'model.json'))).toBe(true);
    expect(second).toMatch(/v1 on the NCI test split: exact accuracy \d\.\d{3}/);
    expect(existsSync(path.join(dir, 'data-chembl', 'compound_rings.csv'))).toBe(true);
    expect(readCompounds(path.join(dir, 'raw-data-traffic'))).toHaveLength(TRAFFIC_MOLECULES);
  }, 600_000);
});
