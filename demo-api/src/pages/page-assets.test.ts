// The pages over HTTP: content negotiation on GET /, no inline script under the
// strict CSP, every asset a page names served with cache headers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHART_SPECS_DIR } from '@rings/charts';
import request from 'supertest';
import { IMAGE_SIZE } from '../../../data-engineering/src/build/render-molecule';
import { createTestApi, type TestApi } from '../__tests__/test-api';
import { ASSETS_DIR, WORKER_CSP } from './page-assets';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

/** Every src and href of a page that points into /assets/. */
const assetUrls = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

describe('the pages and their assets', () => {
  it.each([
    ['curl', '*/*'],
    ['an API client', 'application/json'],
    ['a client that says nothing', undefined],
  ])('when %s asks for /, then the JSON welcome', async (_who, accept) => {
    const call = request(api.app).get('/');
    const res = await (accept ? call.set('Accept', accept) : call).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.links).toMatchObject({ docs: '/docs', dashboard: '/dashboard' });
    expect(res.headers.vary).toMatch(/Accept/);
  });

  it.each([
    ['/', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ['/dashboard', '*/*'],
  ])(
    'when a browser opens %s, then a page whose scripts are all files under the strict CSP',
    async (url, accept) => {
      const res = await request(api.app).get(url).set('Accept', accept).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect([attributes.includes('src="/assets/'), body.trim()]).toEqual([true, '']);
      }
      expect(res.text).not.toMatch(/\{\{|style="|\son[a-z]+=/);
    },
  );

  it('when a page names its assets, then each loads: the chart libraries cached a year, the page files revalidated', async () => {
    const html = (await request(api.app).get('/').set('Accept', 'text/html')).text;
    const urls = assetUrls(html);
    expect(urls.filter((u) => u.startsWith('/assets/vendor/'))).toHaveLength(3);
    for (const url of urls) {
      const res = await request(api.app).get(url).expect(200);
      const expected = url.startsWith('/assets/vendor/')
        ? /public, max-age=31536000, immutable/
        : /^no-cache$/;
      expect([url, res.headers['cache-control']]).toEqual([url, expect.stringMatching(expected)]);
      expect(res.headers.etag).toBeDefined();
    }
  });

  it('when the page scripts import the chart specs, then each import is JavaScript, revalidated, and the very file the PNG renderer reads', async () => {
    const scripts = ['predict-page.js', 'dashboard-page.js'].map((f) =>
      readFileSync(path.join(ASSETS_DIR, 'app', f), 'utf8'),
    );
    const imports = scripts.flatMap((js) =>
      [...js.matchAll(/from '(\/assets\/charts\/[^']+)'/g)].map((m) => m[1]),
    );
    expect(imports.sort()).toEqual([
      '/assets/charts/monitoring-specs.mjs',
      '/assets/charts/prediction-specs.mjs',
    ]);
    for (const url of [...imports, '/assets/charts/spec-parts.mjs']) {
      const res = await request(api.app).get(url).expect(200);
      expect([url, res.headers['content-type'], res.headers['cache-control']]).toEqual([
        url,
        expect.stringMatching(/^text\/javascript/),
        'no-cache',
      ]);
      expect(res.text).toBe(readFileSync(path.join(CHART_SPECS_DIR, path.basename(url)), 'utf8'));
    }
  });

  it('when an asset is unknown or a path climbs out of the folder, then 404 JSON', async () => {
    for (const url of [
      '/assets/app/nope.js',
      '/assets/app/..%2f..%2fpackage.json',
      '/assets/charts/..%2fpackage.json',
      '/assets/vendor/vega@0.0.0/vega.min.js',
    ]) {
      const res = await request(api.app).get(url);
      expect([url, res.status, res.body.error?.code]).toEqual([url, 404, 'NOT_FOUND']);
    }
  });

  it('when the SMILES worker and RDKit are fetched, then only the worker may evaluate code, and RDKit loads as WebAssembly', async () => {
    const page = await request(api.app).get('/').set('Accept', 'text/html');
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    const worker = await request(api.app).get('/assets/worker/smiles-worker.js').expect(200);
    expect(worker.headers['content-security-policy']).toBe(WORKER_CSP);
    const rdkit = Object.fromEntries(
      [...page.text.matchAll(/<meta name="(rdkit-[a-z]+)" content="([^"]+)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(rdkit['rdkit-script']).toMatch(/^\/assets\/vendor\/@rdkit\/rdkit@[\d.]+\/RDKit_minimal\.js$/);
    const wasm = await request(api.app).get(rdkit['rdkit-wasm']).expect(200);
    expect([wasm.headers['content-type'], wasm.headers['cache-control']]).toEqual([
      'application/wasm',
      'public, max-age=31536000, immutable',
    ]);
  });

  it('when the worker draws, then at the raw data’s size (data-engineering IMAGE_SIZE)', () => {
    const source = readFileSync(path.join(ASSETS_DIR, 'worker', 'smiles-worker.js'), 'utf8');
    expect(source).toContain(`const IMAGE_SIZE = ${IMAGE_SIZE};`);
    expect(source).toContain('mol.get_svg(IMAGE_SIZE, IMAGE_SIZE)');
  });
});
