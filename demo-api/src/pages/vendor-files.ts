import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A browser build of a chart library, served under a versioned URL. */
export interface VendorFile {
  /** URL path under /assets/vendor/, with the package version in it (cached for a year). */
  url: string;
  /** The file on disk, in the package's node_modules folder. */
  file: string;
}

// The UMD builds: vega-embed reads the globals vega and vegaLite; its bundled
// expression interpreter (ast: true) keeps vega off eval under the strict CSP.
// RDKit MinimalLib (loader and WebAssembly) runs in the SMILES worker only.
const BUILDS = [
  { name: 'vega', pkg: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', pkg: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', pkg: 'vega-embed', file: 'build/vega-embed.min.js' },
  { name: 'rdkit-js', pkg: '@rdkit/rdkit', file: 'dist/RDKit_minimal.js' },
  { name: 'rdkit-wasm', pkg: '@rdkit/rdkit', file: 'dist/RDKit_minimal.wasm' },
] as const;

export type VendorName = (typeof BUILDS)[number]['name'];

/** The folder of an installed package (its package.json is not exported, so require.resolve cannot name it). */
function packageDir(name: string): string {
  const candidates = (require.resolve.paths(name) ?? []).map((dir) => path.join(dir, name));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'package.json')));
  if (!found) throw new Error(`${name} is not installed: run npm install in the repository root`);
  return found;
}

/** Where each chart library's browser build is, and the URL it is served at. */
export function findVendorFiles(): Record<VendorName, VendorFile> {
  const entries = BUILDS.map(({ name, pkg, file }) => {
    const dir = packageDir(pkg);
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      version: string;
    };
    const url = `/assets/vendor/${pkg}@${version}/${path.basename(file)}`;
    return [name, { url, file: path.join(dir, file) }] as const;
  });
  return Object.fromEntries(entries) as Record<VendorName, VendorFile>;
}
