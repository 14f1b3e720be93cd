// The original demo's journey on real containers: build the images (stand-in
// bases where the official ones cannot be pulled), docker-compose up, ingest as
// a service, the notebook in the data-science container, ./update-models.sh v1
// on the host and v2 in a container under traffic, down and up again. The copy
// of the clone belongs to a user who is not uid 1000. Run by `npm run
// test:compose` (scripts/test-compose.sh), which .ci/run calls.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMlflowClient, type MlflowClient } from '@rings/mlflow-client';
import { REPO, run } from '../hostile/support/processes';
import { createComposeProject, waitHealthy, type ComposeProject } from './support/compose-project';
import { startDockerEngine, type DockerEngine } from './support/docker-engine';
import { fleetSteps } from './fleet-steps';
import { startLoad } from './support/load';

const OWNER = { uid: 1234, gid: 1234 }; // the clone's owner: not 1000, not root
const SERVICES = ['postgres', 'mlflow', 'data-science', 'demo-api', 'lb', 'prometheus'];
const IMAGES = [
  'ring-count/demo-api:0.1.0',
  'ring-count/data-science:0.1.0',
  'ring-count/ingest:0.1.0',
  'ring-count/mlflow:3.17.2',
  'ring-count/lb:0.1.0',
  'ring-count/prometheus:0.1.0',
];
const MINUTE = 60_000;
const figures: Record<string, unknown> = { at: new Date().toISOString() };
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

let engine: DockerEngine | undefined;
let project: ComposeProject;
let mlflow: MlflowClient;
let mlflowPassword: string;
let api: string;
let journeyStarted = 0;

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const predict = async (image = 'NSC5.png') => {
  const form = new FormData();
  form.append('image', new Blob([readFileSync(path.join(project.dir, 'raw-data/images', image))]), image);
  const response = await fetch(`${api}/predict/`, { method: 'POST', body: form });
  return {
    status: response.status,
    body: (await response.json()) as { model_version?: string; prediction?: number },
  };
};

async function waitServing(version: string, timeoutMs = 2 * MINUTE): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await getJson(`${api}/deployed_version/`).catch(() => undefined);
    if (answer?.body.serving_version === version) return;
    if (Date.now() > deadline)
      throw new Error(`the API does not serve ${version}: ${JSON.stringify(answer)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const startedAt = async (service: string) => {
  const id = (await project.compose(['ps', '-q', service])).stdout.trim();
  return (await run('docker', ['inspect', '-f', '{{.State.StartedAt}}', id])).stdout.trim();
};

async function imageSizesMiB(): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const image of IMAGES) {
    const bytes = Number((await run('docker', ['image', 'inspect', '-f', '{{.Size}}', image])).stdout.trim());
    sizes[image] = Math.round(bytes / 2 ** 20);
  }
  return sizes;
}

beforeAll(async () => {
  engine = await startDockerEngine();
  figures.dockerdStartedHere = engine.startedHere;
  project = await createComposeProject(OWNER);
  api = `http://127.0.0.1:${project.ports.api}`;
  if (process.env.RING_COMPOSE_BASES !== 'official') {
    const started = Date.now();
    await project.exec('bash', ['docker/bases/build.sh'], { timeoutMs: 20 * MINUTE });
    figures.standInBasesSeconds = seconds(started);
  }
  const coldCache = (await run('docker', ['image', 'inspect', IMAGES[0]])).code !== 0;
  let started = Date.now();
  await project.compose(['--profile', 'tools', 'build'], 30 * MINUTE);
  figures[coldCache ? 'firstBuildSeconds' : 'buildSecondsWithCache'] = seconds(started);
  started = Date.now();
  await project.compose(['--profile', 'tools', 'build'], 10 * MINUTE);
  figures.cachedRebuildSeconds = seconds(started);
  figures.imageSizesMiB = await imageSizesMiB();
}, 60 * MINUTE);

afterAll(async () => {
  if (project) {
    await run('docker-compose', ['--profile', 'tools', 'down', '--volumes', '--remove-orphans'], {
      cwd: project.dir,
      env: project.env,
      timeoutMs: 5 * MINUTE,
    });
    rmSync(project.dir, { recursive: true, force: true });
  }
  await engine?.stop();
  const results = path.join(__dirname, '.results');
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`compose figures: ${JSON.stringify(figures)}`);
}, 10 * MINUTE);

describe('docker-compose: the original journey', () => {
  it(
    'when the stack starts, then every service becomes healthy, MLflow asks for credentials and the API waits for a model',
    async () => {
      journeyStarted = Date.now();
      await project.compose(['up', '-d'], 10 * MINUTE);
      await waitHealthy(project, SERVICES);
      expect((await getJson(`${api}/healthz`)).status).toBe(200);
      expect((await getJson(`${api}/readyz`)).status).toBe(503);
      const published = (await project.compose(['ps'])).stdout;
      expect(published).not.toMatch(/0\.0\.0\.0:/);

      // the admin password is where the README says; without it MLflow answers 401
      const trackingUri = `http://127.0.0.1:${project.ports.mlflow}`;
      const anonymous = await fetch(`${trackingUri}/api/2.0/mlflow/experiments/search?max_results=1`);
      expect(anonymous.status).toBe(401);
      const secret = await project.compose(['exec', '-T', 'mlflow', 'cat', '/mlflow-auth/admin-password']);
      mlflowPassword = secret.stdout.trim();
      expect(mlflowPassword.length).toBeGreaterThanOrEqual(24);
      const auth = { kind: 'basic', username: 'admin', password: mlflowPassword } as const;
      mlflow = createMlflowClient({ trackingUri, auth, retry: { maxRetries: 2 } });
    },
    15 * MINUTE,
  );

  it(
    'when ingest runs as a service, then the CSV, images and manifest are written and the bad records are in the DLQ',
    async () => {
      await project.compose(['run', '--rm', '-T', 'ingest'], 10 * MINUTE);
      const data = path.join(project.dir, 'data-science/data');
      const manifest = JSON.parse(readFileSync(path.join(data, 'manifest.json'), 'utf8')) as {
        counts: { read: number; accepted: number; rejected: number; duplicates_skipped: number };
      };
      const rows = readFileSync(path.join(data, 'compound_rings.csv'), 'utf8').trim().split('\n');
      expect(rows[0]).toBe('compound_id,num_rings,image');
      expect(rows.length - 1).toBe(manifest.counts.accepted);
      expect(manifest.counts.rejected).toBeGreaterThan(0);
      const dlq = readFileSync(path.join(project.dir, 'data-engineering/ingest/dlq.log'), 'utf8')
        .trim()
        .split('\n');
      expect(dlq).toHaveLength(manifest.counts.rejected);
      const { read, accepted, rejected, duplicates_skipped } = manifest.counts;
      expect(accepted + rejected + duplicates_skipped).toBe(read);
    },
    15 * MINUTE,
  );

  it(
    'when the notebook runs in the data-science container, then v1 and v2 are exported, tracked and registered',
    async () => {
      const token = project.env.JUPYTER_TOKEN;
      const jupyter = `http://127.0.0.1:${project.ports.jupyter}/api/contents`;
      expect((await fetch(jupyter)).status).toBe(403);
      expect(JSON.stringify(await (await fetch(`${jupyter}?token=${token}`)).json())).toContain(
        'train.ipynb',
      );

      const settings = ['NOTEBOOK_EPOCHS=1', 'NOTEBOOK_IMAGE_SIZE=32'].flatMap((s) => ['-e', s]);
      const notebook = [
        'bash',
        'data-science/scripts/jupyter.sh',
        'execute',
        'train.ipynb',
        '/tmp/train.out.ipynb',
      ];
      await project.compose(
        ['exec', '-T', ...settings, 'data-science', 'ring-entrypoint', ...notebook],
        20 * MINUTE,
      );

      for (const version of ['v1', 'v2']) {
        const metadata = JSON.parse(
          readFileSync(path.join(project.dir, 'data-science/models', version, 'metadata.json'), 'utf8'),
        );
        expect(metadata).toMatchObject({ version });
      }
      const experiment = await mlflow.experiments.getByName('ring-count');
      const runs = await mlflow.runs.searchAll({ experimentIds: [experiment.experimentId] });
      expect(runs.map((r) => r.info.status)).toEqual(['FINISHED', 'FINISHED']);
      const versions = (await mlflow.registry.searchVersions({ filter: "name = 'ring-counter'" })).items;
      expect(versions.map((v) => v.tags['ring.version_name']).sort()).toEqual(['v1', 'v2']);
      expect((await mlflow.artifacts.list(runs[0].info.artifactUri)).length).toBeGreaterThan(0);
    },
    25 * MINUTE,
  );

  it(
    'when ./update-models.sh v1 runs on the host, then the API container serves v1 without a restart',
    async () => {
      const before = await startedAt('demo-api');
      await run(path.join(REPO, 'update-models.sh'), ['v1'], {
        env: {
          RING_UPDATE_MODELS_IN: 'host',
          MODEL_STORE_DIR: path.join(project.dir, 'models'),
          MODEL_SOURCE_DIR: path.join(project.dir, 'data-science/models'),
          MLFLOW_TRACKING_URI: `http://127.0.0.1:${project.ports.mlflow}`,
          MLFLOW_TRACKING_USERNAME: 'admin',
          MLFLOW_TRACKING_PASSWORD: mlflowPassword,
        },
      }).then((r) => expect(r).toMatchObject({ code: 0 }));
      await waitServing('v1');
      expect(await startedAt('demo-api')).toBe(before);

      // the original's four calls
      expect((await getJson(`${api}/`)).status).toBe(200);
      expect(JSON.stringify((await getJson(`${api}/models/`)).body)).toContain('v1');
      expect((await getJson(`${api}/deployed_version/`)).body).toMatchObject({ version: 'v1' });
      expect(await predict()).toMatchObject({ status: 200, body: { model_version: 'v1' } });
      // a browser gets the prediction page, its script and the chart library from the image
      const page = await fetch(`${api}/`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      for (const asset of html.match(/\/assets\/[\w./@-]+\.js/g) ?? ['none found']) {
        expect([asset, (await fetch(`${api}${asset}`)).status]).toEqual([asset, 200]);
      }
    },
    10 * MINUTE,
  );

  it(
    'when ./update-models.sh v2 runs without Node (in a container) under traffic, then no request fails',
    async () => {
      const load = startLoad(api, path.join(project.dir, 'raw-data/images/NSC5.png'), 8);
      await new Promise((r) => setTimeout(r, 2000));
      await project.exec('./update-models.sh', ['v2'], { env: { RING_UPDATE_MODELS_IN: 'container' } });
      await waitServing('v2');
      await new Promise((r) => setTimeout(r, 2000));
      const result = await load.stop();
      figures.promotionUnderLoad = {
        connections: 8,
        sent: result.sent,
        failed: result.failed,
        versions: result.versions,
      };
      expect(result.failures).toEqual([]);
      expect(result.failed).toBe(0);
      expect(result.versions.v1).toBeGreaterThan(0);
      expect(result.versions.v2).toBeGreaterThan(0);
      const champion = await mlflow.registry.getVersionByAlias('ring-counter', 'champion');
      expect(champion?.tags['ring.version_name']).toBe('v2');
    },
    10 * MINUTE,
  );

  it(
    'when the stack goes down and up again, then runs, registered versions, artifacts and the deployment remain',
    async () => {
      await project.compose(['down'], 5 * MINUTE);
      await project.compose(['up', '-d'], 10 * MINUTE);
      await waitHealthy(project, SERVICES);
      await waitServing('v2');
      const experiment = await mlflow.experiments.getByName('ring-count');
      const runs = await mlflow.runs.searchAll({ experimentIds: [experiment.experimentId] });
      expect(runs).toHaveLength(2);
      expect((await mlflow.artifacts.list(runs[1].info.artifactUri)).length).toBeGreaterThan(0);
      expect((await mlflow.registry.searchVersions({ filter: "name = 'ring-counter'" })).items).toHaveLength(
        2,
      );
      expect(await predict()).toMatchObject({ status: 200, body: { model_version: 'v2' } });
      // operations routes answer the operations token from .env, and nobody else
      expect((await fetch(`${api}/monitoring/`)).status).toBe(401);
      const operations = { authorization: `Bearer ${project.env.OPERATIONS_TOKEN}` };
      const report = await fetch(`${api}/monitoring/`, { headers: operations });
      expect(report.status).toBe(200);
      expect(await report.json()).toMatchObject({ model_version: 'v2' });
      figures.journeySeconds = seconds(journeyStarted);
    },
    20 * MINUTE,
  );

  fleetSteps(() => ({ project, api, figures }));

  it('when the journey is over, then the clone owner (uid 1234) owns what the containers wrote and can delete it', async () => {
    const written = ['data-science/data', 'data-science/models', 'data-engineering/ingest', 'models/v2'];
    const notOwned = execFileSync('find', [...written, '!', '-uid', String(OWNER.uid)], {
      cwd: project.dir,
      encoding: 'utf8',
    });
    expect(notOwned).toBe('');
    const asOwner = ['--reuid', String(OWNER.uid), '--regid', String(OWNER.gid), '--clear-groups'];
    execFileSync('setpriv', [...asOwner, 'rm', '-r', ...written], { cwd: project.dir });
  });

  it('when the API image is looked into, then it runs native TensorFlow 2.21 and holds no compiler nor dev dependency', () => {
    const inImage = (script: string) =>
      execFileSync('docker', ['run', '--rm', '--entrypoint', 'sh', IMAGES[0], '-c', script], {
        encoding: 'utf8',
      });
    const doctor = inImage('node scripts/doctor.js 2>/dev/null');
    expect(doctor).toMatch(/^backend\s+tensorflow$/m);
    expect(doctor).toMatch(/^libtensorflow \(C API\)\s+2\.21\./m);
    const found = inImage(
      'for t in gcc g++ cc make python3; do command -v $t; done; ls node_modules | grep -x -e jest -e typescript -e eslint -e tslab; true',
    );
    expect(found.trim()).toBe('');
  });

  it('when the clone belongs to root, then the containers run as node (uid 1000), never as root', async () => {
    const store = mkdtempSync(path.join(os.tmpdir(), 'ring-root-store-'));
    const owner = path.join(store, 'owner-ref'); // written by this test, as root
    writeFileSync(owner, '');
    try {
      const mounts = ['-v', `${store}:/models`, '-v', `${owner}:/run/ring/clone-owner:ro`];
      const out = execFileSync(
        'docker',
        ['run', '--rm', ...mounts, IMAGES[0], 'sh', '-c', 'id -u; stat -c %u /models'],
        {
          encoding: 'utf8',
        },
      );
      expect(out.trim().split('\n')).toEqual(['1000', '1000']);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });
});
