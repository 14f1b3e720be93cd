#!/usr/bin/env node
// npm run bench [-- --quick | --only ingest|train|serve | --readme]: build every
// workspace (the suite runs the parts from their dist/), then run bench/dist/cli.js.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('[bench] the build failed, so nothing was measured; fix the errors above and run again');
  process.exit(build.status ?? 1);
}
const cli = path.join(root, 'bench', 'dist', 'cli.js');
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
