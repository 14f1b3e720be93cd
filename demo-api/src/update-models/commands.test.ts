// The update-models use cases in-process, against a real store and a real
// MLflow client pointed at a closed port (bound, then released).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listStoredVersions } from '@rings/ring-model';
import { closedPort } from '../../../packages/mlflow-client/src/__tests__/local-server';
import { makeTempDir, writeTinyModels } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { loadPromoteConfig } from '../config';
import { MlflowUnreachableError } from './errors';
import { formatListing } from './list-command';
import { createRegistrySource } from './mlflow-source';
import { promoteCommand, type CommandContext } from './promote-command';
import { rollbackCommand } from './rollback-command';

describe('update-models commands', () => {
  let root: string;
  let ctx: CommandContext;
  let mlflowUri: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    mlflowUri = `http://127.0.0.1:${await closedPort()}`;
    root = await makeTempDir('update-models-commands');
    await writeTinyModels(path.join(root, 'sources'), [
      { version: 'v1' },
      { version: 'v2', favour: 1 },
      { version: 'v0', unrecordedSha256: true },
    ]);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));
  beforeEach(async () => {
    warnings.length = 0;
    const env = {
      MODEL_STORE_DIR: await fs.mkdtemp(path.join(root, 'store-')),
      MODEL_SOURCE_DIR: path.join(root, 'sources'),
    };
    ctx = {
      config: loadPromoteConfig(env),
      registry: createRegistrySource('ring-counter', { MLFLOW_TRACKING_URI: mlflowUri }),
      onStep: () => undefined,
      warn: (message) => void warnings.push(message),
    };
  });

  const promote = (version: string, fromMlflow = false) => promoteCommand({ version, fromMlflow }, ctx);

  it('when a local export exists, then it is promoted and the unreachable MLflow is only a warning', async () => {
    const result = await promote('v1');
    expect(result).toMatchObject({ version: 'v1', source: 'local', stored: 'copied', switched: true });
    expect(result.champion).toBe(`not set: MLflow at ${mlflowUri} is unreachable`);
    expect(warnings).toEqual([expect.stringMatching(/alias champion not set/)]);
  });

  it('when a local export records the sha256 of its files, then they are verified and nothing is said', async () => {
    expect(await promote('v1')).toMatchObject({ source: 'local', provenance: 'verified' });
    expect(warnings).toEqual([expect.stringMatching(/alias champion not set/)]);
  });

  it('when a local export predates recorded sha256, then it is promoted and the log says its files were not checked', async () => {
    const result = await promote('v0');
    expect(result).toMatchObject({ source: 'local', provenance: 'unrecorded', switched: true });
    expect(warnings[0]).toBe(
      `v0 records no sha256 of its files (exported before training recorded them): promoted from ${path.join(root, 'sources', 'v0')} without checking its files`,
    );
  });

  it('when a local export was changed after training, then PROVENANCE_MISMATCH names the file and nothing is deployed', async () => {
    const dir = path.join(root, 'tampered', 'v1');
    await fs.cp(path.join(root, 'sources', 'v1'), dir, { recursive: true });
    await fs.appendFile(path.join(dir, 'model.json'), '\n');
    await expect(
      promoteCommand({ version: 'v1', fromMlflow: false, sourceDir: dir }, ctx),
    ).rejects.toMatchObject({
      code: 'PROVENANCE_MISMATCH',
      message: expect.stringMatching(/^model\.json has sha256 \w+, but v1's metadata\.json records \w+/),
    });
    expect(await fs.readdir(ctx.config.MODEL_STORE_DIR)).toEqual([]);
  });

  it('when only the store holds the version, then it is promoted from the store', async () => {
    await promote('v1');
    await promote('v2');
    ctx = { ...ctx, config: { ...ctx.config, MODEL_SOURCE_DIR: path.join(root, 'nowhere') } };
    expect(await promote('v1')).toMatchObject({ source: 'store', previous: 'v2', switched: true });
  });

  it.each([
    ['nowhere', false],
    ['v1', true],
  ])(
    'when %s must come from MLflow (from-mlflow %s) and MLflow is down, then MLFLOW_UNREACHABLE says so and the store is unchanged',
    async (version, fromMlflow) => {
      const failure = promote(version, fromMlflow);
      await expect(failure).rejects.toBeInstanceOf(MlflowUnreachableError);
      await expect(failure).rejects.toMatchObject({
        code: 'MLFLOW_UNREACHABLE',
        message: `cannot download ${version}: MLflow at ${mlflowUri} is unreachable (start it with npm run mlflow, or set MLFLOW_TRACKING_URI)`,
      });
      expect(await fs.readdir(ctx.config.MODEL_STORE_DIR)).toEqual([]);
    },
  );

  it('when rolled back, then the previous version and the alias warning', async () => {
    await promote('v1');
    await promote('v2');
    expect(await rollbackCommand(ctx)).toMatchObject({
      version: 'v1',
      previous: 'v2',
      champion: expect.stringMatching(/^not set/),
    });
  });

  it('when listed, then one line per version with the deployed one marked', async () => {
    await promote('v1');
    await promote('v2');
    const text = formatListing(await listStoredVersions(ctx.config.MODEL_STORE_DIR), 'STORE');
    const lines = text.split('\n');
    expect(lines[0]).toBe('model store STORE');
    expect(lines[1]).toMatch(/^ {2}v1 {2}\d{4}-.*Z {2}tiny {2}accuracy 0\.500$/);
    expect(lines[2]).toMatch(/^\* v2 /);
    expect(lines[3]).toMatch(/^deployed: v2 since .* \(previous: v1\)$/);
  });

  it('when deployed.json is corrupt, then the listing still shows the store and says how to repair it', async () => {
    await promote('v1');
    await fs.writeFile(path.join(ctx.config.MODEL_STORE_DIR, 'deployed.json'), '{"version": "v1"');
    const listing = await listStoredVersions(ctx.config.MODEL_STORE_DIR);
    expect(listing.deployed).toBeNull();
    expect(listing.deployedError).toMatch(/deployed\.json is not JSON/);
    const lines = formatListing(listing, 'STORE').split('\n');
    expect(lines[1]).toMatch(/^ {2}v1 /);
    expect(lines.at(-1)).toMatch(
      /^deployed: unreadable \(.*is not JSON.*\); promote a version to repair it$/,
    );
    await promote('v2');
    expect((await listStoredVersions(ctx.config.MODEL_STORE_DIR)).deployedError).toBeNull();
  });
});
