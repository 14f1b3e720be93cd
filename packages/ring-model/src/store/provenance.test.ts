// Promotion checks what it stores against what training recorded (sha256 of
// each model file), and a version's model.json may name only its own files.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readModelMetadata } from '../metadata-file';
import { makeTempDir, writeMetadata, writeTinyModels } from './__tests__/tiny-model';
import { ModelStoreError } from './errors';
import { readDeployedPointer } from './pointer';
import { promoteVersion, type PromoteOptions } from './promote';
import { rollbackVersion } from './rollback';

describe('promotion provenance', () => {
  let sources: string;
  let store: string;
  beforeAll(async () => {
    sources = await makeTempDir('ring-provenance');
    await writeTinyModels(sources, [
      { version: 'v1' },
      { version: 'v2', favour: 1 },
      { version: 'old', unrecordedSha256: true },
    ]);
  });
  afterAll(() => fs.rm(sources, { recursive: true, force: true }));
  beforeEach(async () => {
    store = await makeTempDir('ring-store');
  });
  afterEach(() => fs.rm(store, { recursive: true, force: true }));

  const promote = (version: string, options: Partial<PromoteOptions> = {}) =>
    promoteVersion({ storeDir: store, version, sourceDir: path.join(sources, version), ...options });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (err: unknown) => err,
    );

  /** A writable copy of a source version under a new folder name (metadata names `version`). */
  async function copySource(from: string, version: string): Promise<string> {
    const dir = path.join(store, '..', `${path.basename(store)}-${version}`);
    await fs.cp(path.join(sources, from), dir, { recursive: true });
    await writeMetadata(dir, { ...(await readModelMetadata(dir)), version });
    return dir;
  }

  async function setWeightPaths(dir: string, paths: string[]): Promise<void> {
    const file = path.join(dir, 'model.json');
    const model = JSON.parse(await fs.readFile(file, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    model.weightsManifest[0].paths = paths;
    await fs.writeFile(file, JSON.stringify(model));
  }

  it('when the files match the sha256 metadata.json records, then the promotion says verified', async () => {
    expect(await promote('v1')).toMatchObject({ stored: 'copied', provenance: 'verified' });
  });

  it.each([
    [
      'weights.bin',
      /^weights\.bin has sha256 [0-9a-f]{64}, but v3's metadata\.json records [0-9a-f]{64}: .*original export/,
    ],
    [
      'model.json',
      /^model\.json has sha256 [0-9a-f]{64}, but v3's metadata\.json records [0-9a-f]{64}: .*original export/,
    ],
  ])(
    'when %s changed after training, then PROVENANCE_MISMATCH names it and nothing is stored',
    async (name, message) => {
      await promote('v1');
      const dir = await copySource('v2', 'v3');
      await fs.appendFile(path.join(dir, name), name === 'model.json' ? ' ' : '');
      if (name === 'weights.bin') {
        const bytes = await fs.readFile(path.join(dir, name));
        bytes[0] ^= 0xff; // same size, other bytes: only the hash can tell
        await fs.writeFile(path.join(dir, name), bytes);
      }
      const error = await failure(promote('v3', { sourceDir: dir }));
      expect(error).toBeInstanceOf(ModelStoreError);
      expect(error).toMatchObject({
        code: 'PROVENANCE_MISMATCH',
        message: expect.stringMatching(message),
      });
      expect((await fs.readdir(store)).sort()).toEqual(['deployed.json', 'v1']);
      expect((await readDeployedPointer(store))?.version).toBe('v1');
    },
  );

  it('when the files differ from sha256 given by the caller (registry tags), then refused naming the file and the source', async () => {
    const [v1, v2] = await Promise.all(['v1', 'v2'].map((v) => readModelMetadata(path.join(sources, v))));
    const expected = { ...v1.file_sha256, 'weights.bin': v2.file_sha256?.['weights.bin'] ?? '' };
    const error = await failure(
      promote('v1', { provenance: { expected, expectedFrom: "MLflow version 1's tags" } }),
    );
    expect(error).toMatchObject({
      code: 'PROVENANCE_MISMATCH',
      message: expect.stringMatching(/^weights\.bin has sha256 \w+, but MLflow version 1's tags records/),
    });
    expect(await fs.readdir(store)).toEqual([]);
  });

  it('when sha256 are required and recorded nowhere, then PROVENANCE_MISSING; not required, then promoted as unrecorded', async () => {
    const error = await failure(promote('old', { provenance: { required: true, expectedFrom: 'the tags' } }));
    expect(error).toMatchObject({
      code: 'PROVENANCE_MISSING',
      message: expect.stringMatching(
        /old records no sha256 of its files \(not in metadata.json nor in the tags\)/,
      ),
    });
    expect(await fs.readdir(store)).toEqual([]);
    expect(await promote('old')).toMatchObject({ stored: 'copied', provenance: 'unrecorded' });
  });

  it.each([
    ['another version', '../v1/weights.bin'],
    ['an absolute path', '/etc/hostname'],
    ['a subfolder', 'sub/weights.bin'],
    ['the parent', '..'],
  ])(
    'when model.json names %s as weights, then MODEL_INVALID names the path and nothing is read',
    async (_what, weights) => {
      await promote('v1');
      const dir = await copySource('v2', 'v3');
      await setWeightPaths(dir, [weights]);
      const error = await failure(promote('v3', { sourceDir: dir }));
      expect(error).toMatchObject({
        code: 'MODEL_INVALID',
        message: expect.stringContaining(
          `names the weight file ${JSON.stringify(weights)}: a version's weightsManifest may name only plain files in its own folder`,
        ),
      });
      expect((await fs.readdir(store)).sort()).toEqual(['deployed.json', 'v1']);
    },
  );

  it('when a version already in the store names files outside its folder, then promoting or rolling back to it is refused', async () => {
    await promote('v1');
    await promote('v2');
    const stored = path.join(store, 'v1');
    await fs.chmod(path.join(stored, 'model.json'), 0o644);
    await setWeightPaths(stored, ['../v2/weights.bin']);
    await expect(promoteVersion({ storeDir: store, version: 'v1' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('"../v2/weights.bin"'),
    });
    await expect(rollbackVersion({ storeDir: store })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect((await readDeployedPointer(store))?.version).toBe('v2');
  });
});
