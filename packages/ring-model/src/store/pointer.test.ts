import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './__tests__/temp-dir';
import { ModelStoreError } from './errors';
import { parseDeployedPointer, readDeployedPointer, writeDeployedPointer } from './pointer';

describe('deployed.json pointer', () => {
  let store: string;
  beforeEach(async () => {
    store = await makeTempDir('ring-pointer');
  });
  afterEach(() => fs.rm(store, { recursive: true, force: true }));

  it('when nothing was promoted, then the pointer is null', async () => {
    expect(await readDeployedPointer(store)).toBeNull();
  });

  it('when a pointer is written, then it reads back and no temporary file is left', async () => {
    const pointer = { version: 'v2', promoted_at: '2026-01-02T03:04:05.000Z', previous: 'v1' };
    await writeDeployedPointer(store, pointer);
    expect(await readDeployedPointer(store)).toEqual(pointer);
    expect(await fs.readdir(store)).toEqual(['deployed.json']);
  });

  it('when the crash comes between the temporary write and the rename, then the old pointer stands', async () => {
    await writeDeployedPointer(store, {
      version: 'v1',
      promoted_at: '2026-01-01T00:00:00.000Z',
      previous: null,
    });
    const crash = new Error('crash');
    await expect(
      writeDeployedPointer(
        store,
        { version: 'v2', promoted_at: '2026-01-02T00:00:00.000Z', previous: 'v1' },
        () => {
          throw crash;
        },
      ),
    ).rejects.toBe(crash);
    expect((await readDeployedPointer(store))?.version).toBe('v1');
  });

  it.each([
    ['not JSON', '{"version": ', /not JSON/],
    ['a traversal', '{"version": "../etc", "promoted_at": "2026-01-01T00:00:00Z"}', /version: not a valid/],
    ['no time', '{"version": "v1"}', /promoted_at:/],
  ])('when the pointer is %s, then POINTER_INVALID names the problem', async (_name, text, message) => {
    await fs.writeFile(path.join(store, 'deployed.json'), text);
    const error = await readDeployedPointer(store).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ModelStoreError);
    expect((error as ModelStoreError).code).toBe('POINTER_INVALID');
    expect((error as Error).message).toMatch(message);
  });

  it('when previous is missing, then it defaults to null', () => {
    expect(parseDeployedPointer('{"version":"v1","promoted_at":"2026-01-01T00:00:00Z"}').previous).toBeNull();
  });
});
