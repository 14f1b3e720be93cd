import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeTempDir, writeTinyModels } from './__tests__/tiny-model';
import { listStoredVersions } from './list';
import { readDeployedPointer } from './pointer';
import { promoteVersion } from './promote';
import { rollbackVersion } from './rollback';

describe('rollbackVersion and listStoredVersions', () => {
  let sources: string;
  let store: string;
  beforeAll(async () => {
    sources = await writeTinyModels(await makeTempDir('ring-sources'), [
      { version: 'v1' },
      { version: 'v2' },
    ]);
  });
  afterAll(() => fs.rm(sources, { recursive: true, force: true }));
  beforeEach(async () => {
    store = await makeTempDir('ring-store');
  });
  afterEach(() => fs.rm(store, { recursive: true, force: true }));

  const promote = (version: string) =>
    promoteVersion({ storeDir: store, version, sourceDir: path.join(sources, version) });

  it('when rolled back, then the previous version is deployed; a second rollback undoes the first', async () => {
    await promote('v1');
    await promote('v2');
    expect(await rollbackVersion({ storeDir: store })).toMatchObject({ version: 'v1', previous: 'v2' });
    expect((await readDeployedPointer(store))?.version).toBe('v1');
    expect(await rollbackVersion({ storeDir: store })).toMatchObject({ version: 'v2', previous: 'v1' });
  });

  it('when nothing is deployed, then NOTHING_DEPLOYED', async () => {
    await expect(rollbackVersion({ storeDir: store })).rejects.toMatchObject({ code: 'NOTHING_DEPLOYED' });
  });

  it('when only one version was ever deployed, then NO_PREVIOUS_VERSION and the pointer stays', async () => {
    await promote('v1');
    await expect(rollbackVersion({ storeDir: store })).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION' });
    expect((await readDeployedPointer(store))?.version).toBe('v1');
  });

  it('when the store is listed, then versions come in natural order with the deployed one marked', async () => {
    for (const v of ['v2', 'v1']) await promote(v);
    await fs.mkdir(path.join(store, 'v10'));
    await fs.mkdir(path.join(store, '.tmp-v3-1-ab'));
    const listing = await listStoredVersions(store);
    expect(listing.deployed?.version).toBe('v1');
    expect(listing.versions.map((v) => [v.version, v.deployed, v.metadata?.version ?? null])).toEqual([
      ['v1', true, 'v1'],
      ['v2', false, 'v2'],
      ['v10', false, null],
    ]);
    expect(listing.versions[2].error).toMatch(/metadata\.json/);
  });

  it('when the store folder does not exist, then the listing is empty', async () => {
    expect(await listStoredVersions(path.join(store, 'nope'))).toEqual({
      deployed: null,
      deployedError: null,
      versions: [],
    });
  });
});
