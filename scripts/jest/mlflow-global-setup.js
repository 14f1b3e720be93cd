// Start a real, throwaway MLflow server for the integration tests (random free
// port, temporary store), unless MLFLOW_TRACKING_URI already names one.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The built launcher (packages/mlflow-server); npm test builds it first. */
function mlflowServerPackage() {
  try {
    return require('@rings/mlflow-server');
  } catch (err) {
    throw new Error(`@rings/mlflow-server is not built: run npx tsc -b tsconfig.build.json (${err.message})`);
  }
}

module.exports = async function globalSetup() {
  if (process.env.MLFLOW_TRACKING_URI) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-mlflow-test-'));
  const server = await mlflowServerPackage().startMlflowServer({ dir });
  process.env.MLFLOW_TRACKING_URI = server.uri;
  globalThis.__ringMlflow = { server, dir };
  console.log(`\n[jest] MLflow test server at ${server.uri} (log ${server.logFile})`);
};
