// Starts a TypeScript worker thread under jest. Jest's transform and module
// mapping do not reach worker threads, so this does their job: .ts files are
// compiled with swc on require (as @swc/jest does) and @rings/* packages
// resolve to their sources (as jest.config.js maps them). Production runs the
// compiled worker.js instead (see demo-api/src/model/inference/worker-script.ts).
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { workerData } = require('node:worker_threads');
const swc = require('@swc/core');

process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
process.env.TF_ENABLE_ONEDNN_OPTS ??= '0'; // as packages/ring-model/src/tensorflow.ts says why

const root = path.resolve(__dirname, '../..');
const sources = {
  '@rings/ring-model': path.join(root, 'packages/ring-model/src/index.ts'),
  '@rings/ring-model/core': path.join(root, 'packages/ring-model/src/core.ts'),
  '@rings/mlflow-client': path.join(root, 'packages/mlflow-client/src/index.ts'),
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveToSources(request, ...rest) {
  return resolveFilename.call(this, sources[request] ?? request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

// The entry is a path inside this repository, given by worker-script.ts.
// eslint-disable-next-line security/detect-non-literal-require
require(workerData.entry);
