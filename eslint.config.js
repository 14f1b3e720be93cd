// ESLint flat config: TypeScript rules, the security plugin, no `any`.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const security = require('eslint-plugin-security');
const importX = require('eslint-plugin-import-x');
const { createTypeScriptImportResolver } = require('eslint-import-resolver-typescript');
const globals = require('globals');

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'raw-data/**',
      'data-science/data/**',
      'data-science/models/**',
      'bench/results/**',
      '.venv-*/**',
      '.mlflow/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  security.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Paths here come from validated config and version names, never raw user input.
      'security/detect-non-literal-fs-filename': 'off',
      // Flags every obj[key]; too noisy to be useful on typed code.
      'security/detect-object-injection': 'off',
    },
  },
  {
    // No import cycles, across the workspace too: the TypeScript resolver reads
    // tsconfig.json's paths, so @rings/* imports resolve to the packages' src.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // without these two, import-x does not parse .ts files and sees no cycle at all
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: globals.node,
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the pages' browser scripts (ES modules, served as they are)
    files: ['demo-api/assets/app/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    // the SMILES worker (a classic worker script)
    files: ['demo-api/assets/worker/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.worker },
  },
);
