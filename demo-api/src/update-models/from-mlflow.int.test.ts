// update-models --from-mlflow against the real MLflow server jest starts.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createMlflowClient, readMlflowConfig } from '@rings/mlflow-client';
import { readDeployedPointer } from '@rings/ring-model';
import { makeTempDir, writeTinyModel } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { loadPromoteConfig } from '../config';
import { CHAMPION_ALIAS, createRegistrySource, VERSION_NAME_TAG } from './mlflow-source';
import { promoteCommand, type CommandContext } from './promote-command';

describe('update-models --from-mlflow', () => {
  const client = createMlflowClient(readMlflowConfig());
  const modelName = `ring-counter-test-${randomBytes(4).toString('hex')}`;
  let root: string;
  let ctx: CommandContext;

  /** Log a tiny model as a run's model/ artifacts and register it, tagged or not. */
  async function register(version: string, tagged: boolean): Promise<string> {
    const dir = path.join(root, 'export', version);
    await writeTinyModel(dir, { version });
    return client.withRun({ experimentName: 'update-models-test' }, async (run) => {
      await run.logArtifacts(dir, 'model');
      const mv = await client.registry.createModelVersion({
        name: modelName,
        source: `${run.artifactUri}/model`,
        runId: run.runId,
        tags: tagged ? { [VERSION_NAME_TAG]: version } : {},
      });
      return mv.version;
    });
  }

  beforeAll(async () => {
    root = await makeTempDir('from-mlflow');
    await client.registry.ensureRegisteredModel(modelName);
    const env = {
      MODEL_STORE_DIR: path.join(root, 'store'),
      MODEL_SOURCE_DIR: path.join(root, 'no-exports'),
    };
    ctx = {
      config: loadPromoteConfig({ ...env, MODEL_NAME: modelName }),
      registry: createRegistrySource(modelName),
      onStep: () => undefined,
      warn: (message) => {
        throw new Error(`unexpected warning: ${message}`);
      },
    };
  }, 60_000);
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('when the registry has a version tagged v1, then it is downloaded, promoted, and champion names it', async () => {
    const registryVersion = await register('v1', true);
    const result = await promoteCommand({ version: 'v1', fromMlflow: true }, ctx);
    expect(result).toMatchObject({ version: 'v1', source: 'mlflow', stored: 'copied', champion: 'set' });
    expect((await readDeployedPointer(ctx.config.MODEL_STORE_DIR))?.version).toBe('v1');
    expect((await client.registry.getVersionByAlias(modelName, CHAMPION_ALIAS))?.version).toBe(
      registryVersion,
    );
  }, 60_000);

  it('when no local export exists and the version is untagged, then registry version N serves vN', async () => {
    const registryVersion = await register('v2', false);
    expect(registryVersion).toBe('2');
    const result = await promoteCommand({ version: 'v2', fromMlflow: false }, ctx);
    expect(result).toMatchObject({ source: 'mlflow', previous: 'v1', champion: 'set' });
    expect((await client.registry.getVersionByAlias(modelName, CHAMPION_ALIAS))?.version).toBe('2');
  }, 60_000);

  it('when the registry does not know the version, then VERSION_NOT_FOUND names the model', async () => {
    await expect(promoteCommand({ version: 'v9', fromMlflow: true }, ctx)).rejects.toMatchObject({
      code: 'VERSION_NOT_FOUND',
      message: expect.stringContaining(`not a version of the registered model ${modelName}`),
    });
  }, 60_000);
});
