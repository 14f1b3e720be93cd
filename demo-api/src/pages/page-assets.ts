import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHART_SPECS_DIR } from '@rings/charts';
import express, { Router } from 'express';
import { findVendorFiles, type VendorFile, type VendorName } from './vendor-files';

/** demo-api/assets: the same folder from src/pages (tests) and dist/pages (built). */
export const ASSETS_DIR = path.resolve(__dirname, '..', '..', 'assets');

/** The pages' HTML files, each served by its route. */
export type PageName = 'predict' | 'dashboard';

/** A page's HTML with the vendor URLs filled in ({{vega}}, {{rdkit-js}}, ...). */
export function renderPage(name: PageName, vendor: Record<VendorName, VendorFile>): string {
  const template = readFileSync(path.join(ASSETS_DIR, `${name}.html`), 'utf8');
  return template.replace(/\{\{([a-z-]+)\}\}/g, (whole, key: string) =>
    key in vendor ? vendor[key as VendorName].url : whole,
  );
}

/**
 * The SMILES worker's own policy. RDKit's loader builds functions with
 * Function() (Emscripten's embind) and compiles WebAssembly, so the worker, and
 * only the worker (it has no DOM and gets nothing but a SMILES string), may
 * evaluate code; the pages keep helmet's policy.
 */
export const WORKER_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self'";

/** A folder of the project's own files, revalidated each time so a new release shows at once. */
const revalidated = (dir: string) =>
  express.static(dir, {
    fallthrough: true,
    index: false,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });

/**
 * /assets/app/* (the pages' own scripts and styles), /assets/charts/* (the chart
 * specs of @rings/charts, the same modules the PNG renderer uses), both
 * revalidated, and /assets/vendor/<package>@<version>/* (the chart libraries:
 * immutable, cached for a year). Mount with app.use.
 */
export function pageAssets(vendor = findVendorFiles()): Router {
  const router = Router();
  router.get('/assets/worker/smiles-worker.js', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', WORKER_CSP);
    res.sendFile(
      path.join(ASSETS_DIR, 'worker', 'smiles-worker.js'),
      { headers: { 'Cache-Control': 'no-cache' } },
      (err) => err && next(err),
    );
  });
  router.use('/assets/app', revalidated(path.join(ASSETS_DIR, 'app')));
  router.use('/assets/charts', revalidated(CHART_SPECS_DIR));
  for (const { url, file } of Object.values(vendor)) {
    router.get(url, (_req, res, next) => {
      res.sendFile(file, { maxAge: '365d', immutable: true }, (err) => err && next(err));
    });
  }
  return router;
}
