import '../__tests__/main-realm-typed-arrays';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMlflowClient, readMlflowConfig } from '@rings/mlflow-client';
import { readDeployedPointer, readModelMetadata } from '@rings/ring-model';
import { createRetrainDeps } from './create-deps';
import { retrain, type RetrainOptions } from './retrain';
import { REPO_ROOT } from './run-command';

// Three real trainings, ingests and promotions against a real MLflow server.
jest.setTimeout(900_000);

interface RawRecord {
  compound_id: string;
  image: string;
  num_rings: number;
  smiles: string;
}

let root: string;
let batches: string[];

/** A raw batch folder with these records of raw-data/ (images hard-linked). */
async function rawBatch(dir: string, records: RawRecord[]): Promise<string> {
  await fs.mkdir(path.join(dir, 'images'), { recursive: true });
  for (const r of records) await fs.link(path.join(REPO_ROOT, 'raw-data', r.image), path.join(dir, r.image));
  await fs.writeFile(path.join(dir, 'compounds.json'), JSON.stringify(records));
  return dir;
}

beforeAll(async () => {
  // The ingest and update-models steps run the built commands, as in production.
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'data-engineering', 'demo-api'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'retrain-e2e-'));
  const all = (
    JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'raw-data', 'compounds.json'), 'utf8')) as unknown[]
  )
    .filter((r): r is RawRecord => typeof (r as RawRecord | null)?.compound_id === 'string')
    .filter(
      (r) => /^NSC\d+$/.test(r.compound_id) && typeof r.image === 'string' && Number.isInteger(r.num_rings),
    );
  // Interleaved picks: consecutive NSC numbers are not alike.
  const pick = (r: number, n: number) => all.filter((_, i) => i % 3 === r).slice(0, n);
  batches = [
    await rawBatch(path.join(root, 'raw-a'), pick(0, 150)),
    await rawBatch(path.join(root, 'raw-b'), pick(1, 450)),
    await rawBatch(path.join(root, 'raw-c'), pick(2, 100)),
  ];
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('npm run retrain (the retraining loop)', () => {
  it('when new batches arrive, then each round trains on the grown data and only a better model is promoted', async () => {
    const stamp = Date.now();
    const names = { experiment: `retrain-e2e-${stamp}`, modelName: `ring-retrain-e2e-${stamp}` };
    const lines: string[] = [];
    const deps = await createRetrainDeps({ tracking: true, ...names, log: (l) => lines.push(l) });
    const dirs: RetrainOptions = {
      data: path.join(root, 'data'),
      out: path.join(root, 'models'),
      reports: path.join(root, 'reports'),
      storeDir: path.join(root, 'store'),
      dlq: path.join(root, 'dlq.log'),
      modelName: names.modelName,
      architecture: 'v1',
      batchSize: 32,
    };
    // A barely trained model: it can only be beaten.
    const crippled = { epochs: 1, learningRate: 1e-7, imageSize: 16 };

    // Round 1: nothing deployed yet, so the first version goes live whatever its score.
    const first = await retrain({ ...dirs, ...crippled, raw: batches[0] }, deps);
    expect(first.comparison).toMatchObject({
      outcome: 'promoted',
      deployed: null,
      candidate: { version: 'v1' },
    });

    // Round 2: a grown dataset and a real recipe beat v1 on the same test images.
    const second = await retrain(
      { ...dirs, raw: batches[1], epochs: 8, learningRate: 0.003, imageSize: 32 },
      deps,
    );
    const { candidate, deployed } = second.comparison;
    expect(deployed?.version).toBe('v1');
    expect(candidate.version).toBe('v2');
    expect(deployed?.n).toBe(candidate.n);
    expect(candidate.n).toBeGreaterThan(50);
    expect(candidate.accuracy).toBeGreaterThan(deployed?.accuracy ?? 1);
    expect(second.comparison.outcome).toBe('promoted');
    expect((await readDeployedPointer(dirs.storeDir as string))?.version).toBe('v2');
    // The comparison's split is training's: the candidate scores its own test accuracy again.
    expect(lines).toContainEqual(expect.stringMatching(/^dataset grown: /));
    const v2 = await readModelMetadata(second.modelDir);
    expect(candidate.accuracy).toBeCloseTo(v2.metrics.accuracy, 6);

    // Round 3: a worse candidate is trained, exported and recorded, but not promoted.
    const third = await retrain({ ...dirs, ...crippled, raw: batches[2] }, deps);
    expect(third.comparison).toMatchObject({
      outcome: 'kept',
      candidate: { version: 'v3' },
      deployed: { version: 'v2' },
    });
    expect(third.comparison.decision.better).toBe(false);
    expect((await readDeployedPointer(dirs.storeDir as string))?.version).toBe('v2');
    await expect(fs.stat(path.join(dirs.storeDir as string, 'v3'))).rejects.toThrow();
    await expect(fs.stat(path.join(third.modelDir, 'model.json'))).resolves.toBeTruthy();

    // MLflow holds one comparison run per round, and the candidates' registry versions carry the outcome.
    const client = createMlflowClient(readMlflowConfig());
    const experiment = await client.experiments.getByName(names.experiment);
    const runs = await client.runs.searchAll({
      experimentIds: [experiment.experimentId],
      filter: "tags.`ring.kind` = 'retrain-comparison'",
    });
    const outcomes = runs.map((r) => [r.tags['ring.candidate'], r.tags['ring.outcome']]);
    expect(outcomes.sort()).toEqual([
      ['v1', 'promoted'],
      ['v2', 'promoted'],
      ['v3', 'kept'],
    ]);
    const v3 = await client.registry.getModelVersion(
      names.modelName,
      third.comparison.candidate.registry_version ?? '',
    );
    expect(v3.tags['ring.promotion_outcome']).toBe('kept');
    // The dataset grew by every batch (none of these records is rejected).
    const csv = await fs.readFile(path.join(dirs.data as string, 'compound_rings.csv'), 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(1 + 150 + 450 + 100);
  });
});
