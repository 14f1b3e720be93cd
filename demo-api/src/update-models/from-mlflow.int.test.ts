// update-models --from-mlflow, and the fallback to the registry, against the
// real MLflow server jest starts.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readDeployedPointer } from '@rings/ring-model';
import { makeTempDir } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { loadPromoteConfig } from '../config';
import { testRegistry } from './__tests__/registry';
import { CHAMPION_ALIAS, createRegistrySource } from './mlflow-source';
import { promoteCommand, type CommandContext } from './promote-command';

describe('update-models --from-mlflow', () => {
  let root: string;
  let registry: ReturnType<typeof testRegistry>;
  let ctx: CommandContext;
  const warnings: string[] = [];

  beforeAll(async () => {
    root = await makeTempDir('from-mlflow');
    registry = testRegistry(root);
    const env = {
      MODEL_STORE_DIR: path.join(root, 'store'),
      MODEL_SOURCE_DIR: path.join(root, 'no-exports'),
    };
    ctx = {
      config: loadPromoteConfig({ ...env, MODEL_NAME: registry.modelName }),
      registry: createRegistrySource(registry.modelName),
      onStep: () => undefined,
      warn: (message) => void warnings.push(message),
    };
  }, 60_000);
  beforeEach(() => {
    warnings.length = 0;
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('when the registry has a version tagged v1, then it is downloaded, verified, promoted, and champion names it', async () => {
    const registryVersion = await registry.register('v1');
    const result = await promoteCommand({ version: 'v1', fromMlflow: true }, ctx);
    expect(result).toMatchObject({
      version: 'v1',
      source: 'mlflow',
      stored: 'copied',
      provenance: 'verified',
      champion: 'set',
    });
    expect(warnings).toEqual([]);
    expect((await readDeployedPointer(ctx.config.MODEL_STORE_DIR))?.version).toBe('v1');
    const champion = await registry.client.registry.getVersionByAlias(registry.modelName, CHAMPION_ALIAS);
    expect(champion?.version).toBe(registryVersion);
  }, 60_000);

  it('when no local export exists and the version is untagged, then registry version N serves vN and the fallback names its source', async () => {
    const registryVersion = await registry.register('v2', { tagged: false });
    expect(registryVersion).toBe('2');
    const result = await promoteCommand({ version: 'v2', fromMlflow: false }, ctx);
    const origin = `MLflow's ${registry.modelName} version 2 at ${ctx.registry.trackingUri}`;
    expect(result).toMatchObject({
      source: 'mlflow',
      origin,
      previous: 'v1',
      provenance: 'verified', // by the sha256 its metadata.json records
      champion: 'set',
    });
    expect(warnings).toEqual([
      `no local export at ${path.join(root, 'no-exports', 'v2')} and the store does not hold v2: promoting ${origin}`,
    ]);
    const champion = await registry.client.registry.getVersionByAlias(registry.modelName, CHAMPION_ALIAS);
    expect(champion?.version).toBe('2');
  }, 60_000);

  it('when ./update-models.sh vN finds no local export, then its output names the registry version it promoted', async () => {
    const version = await registry.register('v7');
    const script = path.resolve(__dirname, '../../../update-models.sh');
    const env = {
      ...process.env,
      MODEL_STORE_DIR: ctx.config.MODEL_STORE_DIR,
      MODEL_SOURCE_DIR: path.join(root, 'no-exports'),
      MODEL_NAME: registry.modelName,
      RING_UPDATE_MODELS_IN: 'host',
    };
    const { stdout, stderr } = await promisify(execFile)('bash', [script, 'v7'], { env });
    const origin = `MLflow's ${registry.modelName} version ${version} at ${ctx.registry.trackingUri}`;
    expect(stdout).toBe(`promoted v7 (from ${origin}, sha256 verified; previous: v2)\n`);
    expect(stderr).toContain(
      `warning: no local export at ${path.join(root, 'no-exports', 'v7')} and the store does not hold v7: promoting ${origin}\n`,
    );
  }, 120_000);

  it('when the registry does not know the version, then VERSION_NOT_FOUND names the model', async () => {
    await expect(promoteCommand({ version: 'v9', fromMlflow: true }, ctx)).rejects.toMatchObject({
      code: 'VERSION_NOT_FOUND',
      message: expect.stringContaining(`not a version of the registered model ${registry.modelName}`),
    });
  }, 60_000);
});
