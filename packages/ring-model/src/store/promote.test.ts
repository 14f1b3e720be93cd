import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tf } from '../tensorflow';
import { makeTempDir, writeTinyModels } from './__tests__/tiny-model';
import { ModelStoreError } from './errors';
import { readDeployedPointer } from './pointer';
import { promoteVersion } from './promote';
import { PROMOTION_STEPS, type PromotionStep } from './promotion-steps';

describe('promoteVersion', () => {
  let sources: string;
  let store: string;
  beforeAll(async () => {
    sources = await makeTempDir('ring-sources');
    await writeTinyModels(sources, [
      { version: 'v1' },
      { version: 'v2', favour: 1 },
      { version: 'nan', fault: 'nan-weights' },
      { version: 'cut', fault: 'truncated-weights' },
    ]);
  });
  afterAll(() => fs.rm(sources, { recursive: true, force: true }));
  beforeEach(async () => {
    store = await makeTempDir('ring-store');
  });
  afterEach(() => fs.rm(store, { recursive: true, force: true }));

  const promote = (version: string, from: string | null = version) =>
    promoteVersion({
      storeDir: store,
      version,
      sourceDir: from === null ? undefined : path.join(sources, from),
    });

  it('when a version is promoted, then it is stored read-only and deployed.json points at it', async () => {
    const steps: PromotionStep[] = [];
    const result = await promoteVersion({
      storeDir: store,
      version: 'v1',
      sourceDir: path.join(sources, 'v1'),
      onStep: (step) => void steps.push(step),
    });
    expect(result).toMatchObject({ version: 'v1', previous: null, stored: 'copied', switched: true });
    expect(steps).toEqual(PROMOTION_STEPS);
    expect((await fs.readdir(store)).sort()).toEqual(['deployed.json', 'v1']);
    const mode = (await fs.stat(path.join(store, 'v1', 'weights.bin'))).mode & 0o777;
    expect(mode).toBe(0o444);
    expect(await readDeployedPointer(store)).toEqual({
      version: 'v1',
      promoted_at: result.promoted_at,
      previous: null,
    });
  });

  it('when a second version is promoted, then previous names the first', async () => {
    await promote('v1');
    const result = await promote('v2');
    expect(result).toMatchObject({ version: 'v2', previous: 'v1', switched: true });
  });

  it('when the same bytes are promoted again, then it is fine and nothing changes', async () => {
    const first = await promote('v1');
    const again = await promote('v1');
    expect(again).toMatchObject({ stored: 'identical', switched: false, promoted_at: first.promoted_at });
  });

  it('when a stored version is promoted by name without a source, then it is taken from the store', async () => {
    await promote('v1');
    await promote('v2');
    expect(await promote('v1', null)).toMatchObject({
      stored: 'existing',
      previous: 'v2',
      switched: true,
    });
  });

  it('when different bytes come under an existing name, then VERSION_CONFLICT and the store is unchanged', async () => {
    await promote('v1');
    const error = await promote('v1', 'v2').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ModelStoreError);
    expect((error as ModelStoreError).code).toBe('VERSION_CONFLICT');
    expect((error as Error).message).toMatch(/immutable.*new version name/);
  });

  it.each([
    ['predicts NaN', 'nan', /probabilit/],
    ['does not load', 'cut', /hold 3 bytes but model.json declares/],
  ])(
    'when the model %s, then MODEL_INVALID, nothing is stored and the pointer stays',
    async (_n, from, msg) => {
      await promote('v1');
      const before = tf.memory().numTensors;
      const error = await promote(from).catch((err: unknown) => err);
      expect((error as ModelStoreError).code).toBe('MODEL_INVALID');
      expect((error as Error).message).toMatch(msg);
      expect((await fs.readdir(store)).sort()).toEqual(['deployed.json', 'v1']);
      expect((await readDeployedPointer(store))?.version).toBe('v1');
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('when the folder name and metadata.json disagree, then it is refused', async () => {
    await expect(promote('v7', 'v1')).rejects.toThrow(/names version v1, not v7/);
  });

  it.each(['../v1', 'v1;rm -rf /', '$(id)', '.lock'])(
    'when the name is %p, then refused before any I/O',
    async (name) => {
      await expect(promote(name, 'v1')).rejects.toThrow(/letters, digits/);
      expect(await fs.readdir(store)).toEqual([]);
    },
  );

  it('when the source folder is missing, then VERSION_NOT_FOUND lists what is missing', async () => {
    await expect(promote('v5')).rejects.toThrow(
      /model\.json, metadata\.json missing \(expected model\.json, the weight files it names, metadata\.json\)/,
    );
  });

  it('when a crashed promotion left temporary entries, then the next one sweeps them', async () => {
    await fs.mkdir(path.join(store, '.tmp-v3-123-abcd'));
    await fs.writeFile(path.join(store, '.tmp-deployed.json-123-abcd'), '{');
    await promote('v1');
    expect((await fs.readdir(store)).sort()).toEqual(['deployed.json', 'v1']);
  });

  it('when two promotions run at once, then they serialize and the pointer names one with the other as previous', async () => {
    const [a, b] = await Promise.all([promote('v1'), promote('v2')]);
    const pointer = await readDeployedPointer(store);
    const [first, second] = a.previous === null ? [a, b] : [b, a];
    expect(second.previous).toBe(first.version);
    expect(pointer).toEqual({
      version: second.version,
      promoted_at: second.promoted_at,
      previous: first.version,
    });
  });
});
