// Two projects: unit tests (*.test.ts) and integration tests (*.int.test.ts),
// the latter against a real MLflow server started by the global setup.
'use strict';
// Test files run in a sandbox whose process.env is a copy, so TensorFlow loaded
// by a test reads the worker's real environment: set its defaults (those of
// packages/ring-model/src/tensorflow.ts) here, before jest starts the workers.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const moduleNameMapper = {
  '^@rings/ring-model$': '<rootDir>/packages/ring-model/src',
  '^@rings/ring-model/core$': '<rootDir>/packages/ring-model/src/core',
  '^@rings/mlflow-client$': '<rootDir>/packages/mlflow-client/src',
  '^@rings/lease-lock$': '<rootDir>/packages/lease-lock/src',
  '^@rings/child-process$': '<rootDir>/packages/child-process/src',
  '^@rings/mlflow-server$': '<rootDir>/packages/mlflow-server/src',
  '^@rings/charts$': '<rootDir>/packages/charts/src',
  '^@rings/zod-issues$': '<rootDir>/packages/zod-issues/src',
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['<rootDir>/scripts/jest/quiet-tensorflow.js'],
};

module.exports = {
  maxWorkers: 2,
  // CI machines are shared and have 2 cores: generous limits, never a race.
  // (jest reads testTimeout only here, not per project.)
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '**/src/**/*.test.ts',
        '<rootDir>/tests/**/*.test.ts',
        '!**/*.int.test.ts',
        '!**/*.compose.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/src/**/*.int.test.ts', '<rootDir>/tests/**/*.int.test.ts'],
      globalSetup: '<rootDir>/scripts/jest/mlflow-global-setup.js',
      globalTeardown: '<rootDir>/scripts/jest/mlflow-global-teardown.js',
    },
    {
      // the container journey (npm run test:compose): not part of npm test
      ...common,
      displayName: 'compose',
      testMatch: ['<rootDir>/tests/compose/**/*.compose.test.ts'],
    },
  ],
};
