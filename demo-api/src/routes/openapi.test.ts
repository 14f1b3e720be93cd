// The OpenAPI document against the real app: same paths and methods as the
// router, and real responses valid against the documented schemas.
import type { Express } from 'express';
import request from 'supertest';
import type { z } from 'zod';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { toOpenApiPath, type OpenApiDocument } from '../openapi/document';
import { ROUTES } from '.';

/** [method, path] of every route the Express router really has (405 guards left out; token guards counted once with their route). */
function routerOperations(app: Express): string[] {
  const stack = (
    app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
  ).router.stack;
  const operations = stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${toOpenApiPath(layer.route!.path)}`)
      : [],
  );
  return [...new Set(operations)];
}

function documentedOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe('GET /openapi.json and /docs', () => {
  let api: TestApi;
  let document: OpenApiDocument;
  beforeAll(async () => {
    api = await createTestApi();
    document = (await request(api.app).get('/openapi.json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => api.close());

  it('when fetched, then an OpenAPI 3 document with exactly the router operations', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(documentedOperations(document).sort()).toEqual(routerOperations(api.app).sort());
  });

  it('when a route needs a token, then the document names its bearer scheme and 401/403; public routes have none', () => {
    const { components } = document as OpenApiDocument & {
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(components.securitySchemes).toMatchObject({
      labellerToken: { type: 'http', scheme: 'bearer' },
      operationsToken: { type: 'http', scheme: 'bearer' },
    });
    const operation = (path: string, method: string) =>
      document.paths[path][method] as { security?: unknown; responses: Record<string, unknown> };
    for (const [path, method, scheme] of [
      ['/feedback/', 'post', 'labellerToken'],
      ['/metrics', 'get', 'operationsToken'],
      ['/monitoring/', 'get', 'operationsToken'],
    ]) {
      expect([path, operation(path, method).security]).toEqual([path, [{ [scheme]: [] }]]);
      expect(Object.keys(operation(path, method).responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    for (const path of ['/', '/models/', '/deployed_version/', '/healthz', '/readyz']) {
      expect([path, operation(path, 'get').security]).toEqual([path, undefined]);
    }
    expect(operation('/predict/', 'post').security).toBeUndefined();
  });

  it('when every documented GET is called, then its status and body are documented', async () => {
    const gets = ROUTES.filter((r) => r.method === 'get');
    for (const route of gets) {
      const url = route.path.replace(':version', 'v1');
      const res = await request(api.app).get(url);
      const documented = route.doc.responses[res.status];
      expect([route.path, documented ? res.status : `undocumented ${res.status}`]).toEqual([
        route.path,
        res.status,
      ]);
      if (documented?.schema) (documented.schema as z.ZodType).parse(res.body);
      if (documented?.contentType) expect(res.headers['content-type']).toContain(documented.contentType);
    }
  });

  it('when the documented POSTs are called, then their bodies match the documented schemas', async () => {
    const png = await drawing();
    const calls: [string, request.Test][] = [
      ['/predict/', request(api.app).post('/predict/').attach('image', png, 'a.png')],
      ['/predict/batch/', request(api.app).post('/predict/batch/').attach('images', png, 'a.png')],
      ['/predict/', request(api.app).post('/predict/').attach('image', Buffer.from('no'), 'a.png')],
    ];
    for (const [path, call] of calls) {
      const res = await call;
      const route = ROUTES.find((r) => r.path === path && r.method === 'post')!;
      expect(route.doc.responses[res.status]?.schema).toBeDefined();
      route.doc.responses[res.status].schema!.parse(res.body);
    }
  });

  it('when a documented path gets an undocumented method, then 405', async () => {
    for (const [path, ops] of Object.entries(document.paths)) {
      const url = path.replace('{version}', 'v1');
      const method = 'get' in ops ? 'delete' : 'get';
      const res = await request(api.app)[method](url);
      expect([url, res.status]).toEqual([url, 405]);
    }
  });

  it.each(['/docs', '/docs/'])('when %s is opened, then Swagger UI whose assets load', async (url) => {
    const res = await request(api.app).get(url).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const assets = [...res.text.matchAll(/(?:href|src)="(\/docs\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-init.js']));
    for (const asset of assets) await request(api.app).get(asset).expect(200);
    const init = await request(api.app).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"/predict/batch/"');
  });
});
