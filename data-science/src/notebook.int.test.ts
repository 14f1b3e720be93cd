// train.ipynb runs headlessly (jupyter nbconvert --execute on the tslab kernel)
// with tiny epochs against the test MLflow server, so it cannot rot.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createMlflowClient, readMlflowConfig } from '@rings/mlflow-client';
import { makeRingFixture } from './__tests__/ring-fixture';

// A build, the Jupyter environment (once per machine) and two tiny tracked runs.
jest.setTimeout(600_000);

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

interface NotebookCell {
  cell_type: string;
  source: string[];
  outputs?: { output_type: string; name?: string; text?: string[]; data?: Record<string, unknown> }[];
}

describe('train.ipynb', () => {
  let fixture: string;
  let work: string;
  beforeAll(async () => {
    fixture = await makeRingFixture({ perClass: 6, maxRings: 3 });
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'ring-notebook-'));
    // The kernel imports the built library (dist/).
    await run('npx', ['tsc', '-b', 'data-science'], { cwd: root });
  });
  afterAll(() => Promise.all([fixture, work].map((d) => fs.rm(d, { recursive: true, force: true }))));

  it('when executed with tiny epochs, then every cell runs and v1 and v2 are tracked and registered', async () => {
    const name = `nb-${randomUUID().slice(0, 8)}`;
    const out = path.join(work, 'train.out.ipynb');
    await run('bash', [path.join(root, 'data-science/scripts/jupyter.sh'), 'execute', 'train.ipynb', out], {
      cwd: root,
      env: {
        ...process.env,
        MLFLOW_EXPERIMENT: name,
        MODEL_NAME: name,
        NOTEBOOK_EPOCHS: '1',
        NOTEBOOK_IMAGE_SIZE: '32',
        NOTEBOOK_DATA: fixture,
        NOTEBOOK_OUT: path.join(work, 'models'),
        NOTEBOOK_REPORTS: path.join(work, 'reports'),
        NOTEBOOK_VERSION_SUFFIX: 'test',
        NOTEBOOK_CELL_TIMEOUT: '300',
      },
      maxBuffer: 16 * 1024 * 1024,
    });

    const notebook = JSON.parse(await fs.readFile(out, 'utf8')) as { cells: NotebookCell[] };
    const outputs = notebook.cells.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr')).toEqual([]);
    const text = outputs.flatMap((o) => o.text ?? []).join('');
    expect(text).toMatch(/registered .* version 1/);
    expect(text).toMatch(/registered .* version 2/);
    expect(outputs.filter((o) => o.data?.['image/png'] !== undefined).length).toBeGreaterThanOrEqual(4);
    // Each version's progress display, updated in place, ends on its epoch's last batch.
    const progress = outputs
      .filter((o) => o.output_type === 'display_data')
      .map((o) => [o.data?.['text/plain'] ?? []].flat().join(''))
      .filter((t) => t.startsWith('epoch '));
    expect(progress).toHaveLength(2);
    for (const t of progress) {
      expect(t).toMatch(/^epoch 1\/1 \[#{10}\] batch (\d+)\/\1 {2}\d+ img\/s {2}left: epoch 0:00, run 0:00$/);
    }

    const mlflow = createMlflowClient(readMlflowConfig(process.env));
    const experiment = await mlflow.experiments.getByName(name);
    const runs = await mlflow.runs.searchAll({ experimentIds: [experiment.experimentId] });
    expect(runs.map((r) => [r.info.runName, r.info.status]).sort()).toEqual([
      ['v1-test', 'FINISHED'],
      ['v2-test', 'FINISHED'],
    ]);
    expect((await fs.readdir(path.join(work, 'models'))).sort()).toEqual(['v1-test', 'v2-test']);
  });
});
