import { promises as fs } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { modelsResponseSchema } from '../openapi/schemas';

describe('GET /models/', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    await api.promote('v2');
  });
  afterAll(() => api.close());

  it.each(['/models/', '/models'])(
    'when %s is asked, then every stored version with the deployed one marked',
    async (url) => {
      const res = await request(api.app).get(url).expect(200);
      const body = modelsResponseSchema.parse(res.body);
      expect(body.deployed).toBe('v2');
      expect(body.versions.map((v) => [v.version, v.deployed])).toEqual([
        ['v1', false],
        ['v2', true],
      ]);
      expect(body.versions[0].metadata?.input.size).toBe(16);
    },
  );

  it('when ?metadata=false, then the metadata is left out', async () => {
    const res = await request(api.app).get('/models/?metadata=false').expect(200);
    expect(res.body.versions[0]).toEqual({ version: 'v1', deployed: false, error: null });
  });

  it.each([
    ['metadata=maybe', /query.metadata: Invalid option/],
    ['colour=red', /query: Unrecognized key: "colour"|Unrecognized key/],
  ])('when the query is %s, then 400 VALIDATION_FAILED naming the parameter', async (query, message) => {
    const res = await request(api.app).get(`/models/?${query}`).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(message),
    });
    expect(res.body.error.details.issues).toHaveLength(1);
  });

  it('when deployed.json is corrupt, then 200 with the versions and why the pointer is unreadable', async () => {
    const pointer = path.join(api.store, 'deployed.json');
    const good = await fs.readFile(pointer, 'utf8');
    await fs.writeFile(pointer, '{"version": 42}');
    try {
      const res = await request(api.app).get('/models/').expect(200);
      const body = modelsResponseSchema.parse(res.body);
      expect(body.deployed).toBeNull();
      expect(body.deployed_error).toMatch(/not a valid pointer/);
      expect(body.versions.map((v) => v.version)).toEqual(['v1', 'v2']);
    } finally {
      await fs.writeFile(pointer, good);
    }
  });
});
