// Hostile names (traversal, shell metacharacters, unicode look-alikes and
// controls) are refused everywhere a name enters: the API's path parameters and
// upload filenames, ./update-models.sh, and the training CLI's --version,
// --experiment and --model-name. Nothing runs, nothing is created.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHostileApi, type HostileApi } from './support/api-server';
import { recordFigures } from './support/figures';
import { sampleImages } from './support/images';
import { inPool, REPO, run } from './support/processes';
import { httpRequest, multipartBody, sendRaw } from './support/raw-http';
import { snapshotTree } from './support/tree-snapshot';

jest.setTimeout(180_000);

/** Names that must never be accepted; `sentinel` is the file a shell injection would create. */
function hostileNames(sentinel: string): string[] {
  return [
    '../v1',
    '../../etc/passwd',
    '/tmp/v1',
    'v1/../../x',
    '..',
    '.hidden',
    `$(touch ${sentinel})`,
    `\`touch ${sentinel}\``,
    `v1;touch ${sentinel}`,
    `v1 && touch ${sentinel}`,
    `v1|touch ${sentinel}`,
    `v1\ntouch ${sentinel}`,
    'v\u202e1', // right-to-left override
    '\uff56\uff11', // fullwidth v1
    'v1\u200b', // zero-width space
    'v1\u0301', // combining accent
    'a'.repeat(65),
    ' v1',
    'C:\\v1',
    'v1\\..\\x',
  ];
}

/** Few names per command (each start loads TensorFlow): every shell trick in one, traversal, unicode. */
function commandNames(sentinel: string): string[] {
  const tricks = `v1;touch ${sentinel}&&touch ${sentinel}|touch ${sentinel}$(touch ${sentinel})\`touch ${sentinel}\`\ntouch ${sentinel}`;
  return [tricks, '../../v1', 'v\u202e1'];
}

const counts = { requests: 0, commands: 0 };

describe('hostile names', () => {
  let root: string;
  let sentinel: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hostile-names-'));
    sentinel = path.join(root, 'pwned');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    recordFigures('names', {
      requests: counts.requests + counts.commands,
      lost: 0,
      crashes: 0,
      details: counts,
    });
  });

  describe('in the API', () => {
    let api: HostileApi;
    beforeAll(async () => {
      api = await startHostileApi({ env: { RATE_LIMIT_PREDICT_PER_MINUTE: '0' } });
    });
    afterAll(() => api.close());

    it('when GET /models/<name> carries a hostile name, then 400 or 404 with a JSON error, never a version', async () => {
      const names = [...hostileNames(sentinel), 'v1\u0000', '%ff'];
      for (const name of names) {
        const target = `/models/${name === '%ff' ? name : encodeURIComponent(name)}`;
        const answer = await sendRaw(api.port, { bytes: httpRequest('GET', target, {}) });
        counts.requests += 1;
        expect([400, 404]).toContain(answer.status);
        expect([name, answer.status, JSON.parse(answer.body)]).toEqual([
          name,
          expect.any(Number),
          {
            error: expect.objectContaining({
              code: expect.stringMatching(/INVALID_VERSION_NAME|NOT_FOUND|BAD_REQUEST/),
            }),
          },
        ]);
      }
      expect(existsSync(sentinel)).toBe(false);
    });

    it('when uploads carry hostile filenames, then they are answered, echoed as plain JSON strings and never written', async () => {
      const png = (await sampleImages()).png[0];
      const filenames = hostileNames(sentinel).filter((n) => !n.includes('\n'));
      const before = await snapshotTree(api.store, [path.join(api.store, '.monitoring')]);
      const boundary = 'names';
      const parts = filenames.slice(0, 8).map((filename) => ({ name: 'images', filename, body: png }));
      const body = multipartBody(parts, boundary);
      const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
      const answer = await sendRaw(api.port, {
        bytes: httpRequest('POST', '/predict/batch/', headers, body),
      });
      counts.requests += 1;
      expect(answer.status).toBe(200);
      const echoed = (JSON.parse(answer.body) as { predictions: { filename: string }[] }).predictions.map(
        (p) => p.filename,
      );
      // Every file answered, in order, its name echoed as sent (it is never used as a path).
      expect(echoed).toEqual(filenames.slice(0, 8));
      expect(await snapshotTree(api.store, [path.join(api.store, '.monitoring')])).toEqual(before);
      expect(existsSync(sentinel)).toBe(false);
    });
  });

  it('when ./update-models.sh gets a hostile name, then exit 2, nothing runs and the store stays empty', async () => {
    const store = path.join(root, 'store');
    const before = await snapshotTree(root);
    const names = commandNames(sentinel);
    const results = await inPool(names, 3, async (name) => {
      const r = await run('bash', [path.join(REPO, 'update-models.sh'), name], {
        env: { MODEL_STORE_DIR: store, MODEL_SOURCE_DIR: root, MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' },
      });
      counts.commands += 1;
      return [name, r.code, /invalid model version name|unknown option|error:/.test(r.stderr)];
    });
    expect(results).toEqual(names.map((name) => [name, 2, true]));
    expect(existsSync(sentinel)).toBe(false);
    expect(existsSync(store)).toBe(false);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('when the training CLI gets a hostile --version, --experiment or --model-name, then exit 2 before any work', async () => {
    const out = path.join(root, 'models');
    const [tricks, traversal, unicode] = commandNames(sentinel);
    const cases = [
      ['--version', tricks, '--no-tracking'],
      ['--experiment', `${traversal}${tricks}`, '--version', 'v1'],
      ['--model-name', `${unicode}/${traversal}`, '--version', 'v1'],
    ];
    const results = await inPool(cases, 3, async (flags) => {
      const r = await run(
        'node',
        [path.join(REPO, 'data-science/dist/cli.js'), 'train', '--arch', 'v1', '--out', out, ...flags],
        {
          env: { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' },
        },
      );
      counts.commands += 1;
      return [flags[1], r.code, /invalid/.test(r.stderr)];
    });
    expect(results).toEqual(cases.map((flags) => [flags[1], 2, true]));
    expect(existsSync(out)).toBe(false);
    expect(existsSync(sentinel)).toBe(false);
  });
});
