import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { findVendorFiles, type VendorFile, type VendorName } from './vendor-files';

/** demo-api/assets: the same folder from src/pages (tests) and dist/pages (built). */
export const ASSETS_DIR = path.resolve(__dirname, '..', '..', 'assets');

/** The pages' HTML files, each served by its route. */
export type PageName = 'predict' | 'dashboard';

/** A page's HTML with the vendor URLs filled in ({{vega}}, {{vega-lite}}, {{vega-embed}}). */
export function renderPage(name: PageName, vendor: Record<VendorName, VendorFile>): string {
  const template = readFileSync(path.join(ASSETS_DIR, `${name}.html`), 'utf8');
  return template.replace(/\{\{([a-z-]+)\}\}/g, (whole, key: string) =>
    key in vendor ? vendor[key as VendorName].url : whole,
  );
}

/**
 * /assets/app/* (the pages' own scripts and styles: revalidated each time, so a
 * new release shows at once) and /assets/vendor/<package>@<version>/* (the chart
 * libraries: immutable, cached for a year). Mount with app.use.
 */
export function pageAssets(vendor = findVendorFiles()): Router {
  const router = Router();
  router.use(
    '/assets/app',
    express.static(path.join(ASSETS_DIR, 'app'), {
      fallthrough: true,
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  for (const { url, file } of Object.values(vendor)) {
    router.get(url, (_req, res, next) => {
      res.sendFile(file, { maxAge: '365d', immutable: true }, (err) => err && next(err));
    });
  }
  return router;
}
