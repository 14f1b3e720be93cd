// A production server's bodies never carry absolute paths (of the store, the
// temporary folder, the working directory) nor validation dumps: the server
// log keeps those.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { writeTinyModel } from '../../../packages/ring-model/src/store/__tests__/tiny-model';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';

const LABELLER = 'labeller-token-0123456789abcdef';

function expectNoPath(api: TestApi, body: unknown): void {
  const text = JSON.stringify(body);
  for (const dir of [api.store, path.dirname(api.store), os.tmpdir(), process.cwd()]) {
    expect(text).not.toContain(dir);
  }
}

/** A version whose metadata.json is invalid: its load is refused with a message naming the file. */
async function writeBrokenVersion(api: TestApi, version: string): Promise<void> {
  await writeTinyModel(path.join(api.store, version), { version });
  await fs.writeFile(path.join(api.store, version, 'metadata.json'), '{"schema_version": 9}');
}

async function deploy(api: TestApi, pointer: unknown): Promise<void> {
  await fs.writeFile(path.join(api.store, 'deployed.json'), JSON.stringify(pointer));
  await api.deps.registry.sync();
}

describe('error bodies of a production server', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('when a query or a body fails validation, then the message names the field and no issue dump follows', async () => {
    api = await createTestApi({ env: { NODE_ENV: 'production', FEEDBACK_TOKEN: LABELLER } });
    const query = await request(api.app).get('/models/?metadata=maybe').expect(400);
    expect(query.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/query.metadata/) },
    });
    const body = await request(api.app)
      .post('/feedback/')
      .set('Authorization', `Bearer ${LABELLER}`)
      .send({ request_id: 'x', num_rings: -1 })
      .expect(400);
    expect(body.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/body.num_rings/) },
    });
  });

  it('when the only deployed version is refused, then /readyz and /predict/ say so without a path', async () => {
    api = await createTestApi({ env: { NODE_ENV: 'production' }, deploy: null });
    await writeBrokenVersion(api, 'v9');
    await deploy(api, { version: 'v9', promoted_at: new Date().toISOString() });
    const ready = await request(api.app).get('/readyz').expect(503);
    expect(ready.body.error.message).toMatch(/version v9 was refused/);
    expectNoPath(api, ready.body);
    const predict = await request(api.app)
      .post('/predict/')
      .attach('image', await drawing(), 'a.png');
    expect(predict.status).toBe(503);
    expectNoPath(api, predict.body);
  });

  it('when a refused version sits beside a serving one, then /readyz names it without a path', async () => {
    api = await createTestApi({ env: { NODE_ENV: 'production' } });
    await writeBrokenVersion(api, 'v9');
    await deploy(api, { version: 'v9', promoted_at: new Date().toISOString(), previous: 'v1' });
    const ready = await request(api.app).get('/readyz').expect(200);
    expect(ready.body.refused).toMatchObject({ version: 'v9' });
    expectNoPath(api, ready.body);
  });

  it('when deployed.json and a metadata.json are corrupt, then /models/ reports them without a path', async () => {
    api = await createTestApi({ env: { NODE_ENV: 'production' } });
    await fs.mkdir(path.join(api.store, 'v7'));
    await fs.writeFile(path.join(api.store, 'v7', 'metadata.json'), '{"schema_version": 9}');
    await fs.writeFile(path.join(api.store, 'deployed.json'), '{"version": 42}');
    const models = await request(api.app).get('/models/').expect(200);
    expect(models.body.deployed_error).toEqual(expect.any(String));
    expect(models.body.versions.find((v: { version: string }) => v.version === 'v7').error).toEqual(
      expect.any(String),
    );
    expectNoPath(api, models.body);
    const one = await request(api.app).get('/models/v7').expect(200);
    expectNoPath(api, one.body);
  });
});
