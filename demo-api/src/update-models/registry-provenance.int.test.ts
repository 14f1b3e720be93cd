// What update-models takes from the registry: only a version's model files,
// within size caps, and only when they match the sha256 recorded for them.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readDeployedPointer } from '@rings/ring-model';
import { makeTempDir } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { loadPromoteConfig } from '../config';
import { testRegistry } from './__tests__/registry';
import { DEFAULT_DOWNLOAD_LIMITS, type DownloadLimits } from './download-limits';
import { createRegistrySource, VERSION_NAME_TAG } from './mlflow-source';
import { promoteCommand, type CommandContext } from './promote-command';

describe('registry provenance and downloads', () => {
  let root: string;
  let registry: ReturnType<typeof testRegistry>;
  let ctx: CommandContext;

  beforeAll(async () => {
    root = await makeTempDir('registry-provenance');
    registry = testRegistry(root);
    const env = { MODEL_STORE_DIR: path.join(root, 'store'), MODEL_SOURCE_DIR: path.join(root, 'none') };
    ctx = {
      config: loadPromoteConfig({ ...env, MODEL_NAME: registry.modelName }),
      registry: createRegistrySource(registry.modelName),
      onStep: () => undefined,
      warn: () => undefined,
    };
    await registry.register('v1');
    await promoteCommand({ version: 'v1', fromMlflow: true }, ctx);
  }, 60_000);
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  const storeUnchanged = async () => {
    expect((await fs.readdir(ctx.config.MODEL_STORE_DIR)).sort()).toEqual(['deployed.json', 'v1']);
    expect((await readDeployedPointer(ctx.config.MODEL_STORE_DIR))?.version).toBe('v1');
  };

  /** Download registry version `name` with these limits into a fresh folder; returns it. */
  async function download(name: string, limits: Partial<DownloadLimits> = {}) {
    const source = createRegistrySource(registry.modelName, process.env, {
      ...DEFAULT_DOWNLOAD_LIMITS,
      ...limits,
    });
    const mv = await source.findVersion(name);
    const dir = await fs.mkdtemp(path.join(root, `download-${name}-`));
    const result = await source
      .download(mv ?? fail(`${name} not registered`), dir)
      .catch((err: unknown) => err);
    return { dir, result, files: (await fs.readdir(dir)).sort() };
  }

  it("when the registry's sha256 tags do not match the files, then the fallback refuses naming the file", async () => {
    const wrong = 'f'.repeat(64);
    const version = await registry.register('v3', { tags: { 'ring.sha256.weights.bin': wrong } });
    const error = await promoteCommand({ version: 'v3', fromMlflow: false }, ctx).catch((err: Error) => err);
    expect(error).toMatchObject({ code: 'PROVENANCE_MISMATCH' });
    expect((error as Error).message).toMatch(/^weights\.bin has sha256 [0-9a-f]{64}, but /);
    expect((error as Error).message).toContain(
      `, but MLflow's ${registry.modelName} version ${version}'s tags records ${wrong}`,
    );
    await storeUnchanged();
  }, 60_000);

  it('when a registry version records sha256 neither in its tags nor in its metadata.json, then it is refused', async () => {
    const nameOnly = { [VERSION_NAME_TAG]: 'v4' }; // no ring.sha256.* tags
    await registry.register('v4', { tagged: false, tags: nameOnly, unrecordedSha256: true });
    await expect(promoteCommand({ version: 'v4', fromMlflow: true }, ctx)).rejects.toMatchObject({
      code: 'PROVENANCE_MISSING',
      message: expect.stringContaining('v4 records no sha256 of its files'),
    });
    await storeUnchanged();
  }, 60_000);

  it('when the artifacts hold more than the model, then only model.json, its weight files and metadata.json are fetched', async () => {
    await registry.register('v5', {
      edit: async (dir) => {
        await fs.writeFile(path.join(dir, 'junk.bin'), Buffer.alloc(1024 * 1024));
        await fs.mkdir(path.join(dir, 'nested'));
        await fs.writeFile(path.join(dir, 'nested', 'more.txt'), 'not a model file');
      },
    });
    const { result, files } = await download('v5');
    expect(result).toEqual({ files: ['model.json', 'weights.bin', 'metadata.json'] });
    expect(files).toEqual(['metadata.json', 'model.json', 'weights.bin']);
  }, 60_000);

  it.each([
    ['model.json', { MODEL_DOWNLOAD_MAX_JSON_BYTES: 100 }, ['MODEL_DOWNLOAD_MAX_JSON_BYTES', []]],
    [
      'weights.bin',
      { MODEL_DOWNLOAD_MAX_WEIGHTS_BYTES: 100 },
      ['MODEL_DOWNLOAD_MAX_WEIGHTS_BYTES', ['model.json']],
    ],
  ] as const)(
    'when %s is larger than its cap, then the download stops and says which variable to raise',
    async (file, limits, [variable, kept]) => {
      const { result, files } = await download('v1', limits);
      expect(result).toMatchObject({ code: 'MODEL_INVALID' });
      const message = (result as Error).message;
      expect(message).toMatch(/^MLflow's \S+ version 1: artifact \S+ is larger than 100 bytes/);
      expect(message).toContain(`${registry.modelName} version 1: artifact `);
      expect(message).toContain(`/${file} is larger than 100 bytes`);
      expect(message).toContain(`raise ${variable} if the model is genuinely that large`);
      expect(files).toEqual(kept);
    },
    60_000,
  );

  it('when a registered model.json names weights outside its folder, then nothing else is fetched', async () => {
    await registry.register('v6', {
      edit: async (dir) => {
        const file = path.join(dir, 'model.json');
        const model = JSON.parse(await fs.readFile(file, 'utf8')) as {
          weightsManifest: { paths: string[] }[];
        };
        model.weightsManifest[0].paths = ['../../v1/model/weights.bin'];
        await fs.writeFile(file, JSON.stringify(model));
      },
    });
    const { result, files } = await download('v6');
    expect(result).toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('names the weight file "../../v1/model/weights.bin"'),
    });
    expect(files).toEqual(['model.json']);
  }, 60_000);
});
