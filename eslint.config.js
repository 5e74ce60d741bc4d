// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Imports each layer may not make; keeps the dependency direction of shared/DESIGN.md one way. */
const forbidden = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/**
 * What `@dwc/runtime` re-exports that reaches storage: the SQL client, the database, and the stores
 * and factories built on them. core/api gets services from its deps instead (shared/DESIGN.md:
 * "the api never reaches into storage directly"); the path patterns alone miss these re-exports.
 */
const runtimeStorageExports = [
  'SqlClient', 'sqlClientOf', 'openDatabase', 'Database',
  'ExecutionStore', 'JobStore', 'DocumentStore', 'AiUsageStore', 'EmbeddingStore', 'AuditLog',
  'createAuditLog', 'createAuditService', 'createAiUsageStore', 'createEmbeddingStore', 'createSecretVault', 'createSecurity', 'createRuntime',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/bundle/**', '**/node_modules/**', 'data/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['core/sdk/**'],
    rules: forbidden(['@dwc/*', '**/runtime/**', '**/api/**', '**/plugins/**'], 'core/sdk depends on nothing of ours.'),
  },
  {
    files: ['core/runtime/**'],
    rules: forbidden(['@dwc/api', '@dwc/server', '@dwc/plugin-*', '**/api/src/**', '**/plugins/**'], 'core/runtime may import only @dwc/sdk; plugins are handed in, never imported.'),
  },
  {
    // typeorm is CommonJS with hundreds of modules: an ES import of a value makes Node parse them all for export names at start.
    files: ['core/runtime/src/**/*.ts'],
    ignores: ['core/runtime/src/storage/typeorm.ts', '**/*.test.ts', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'typeorm', allowTypeImports: true, message: "Take typeorm's values from storage/typeorm.ts (it requires typeorm); `import type` from 'typeorm' is fine." }],
        patterns: [{ group: ['typeorm/*'], allowTypeImports: true, message: "Take typeorm's values from storage/typeorm.ts; `import type` is fine." }],
      }],
    },
  },
  {
    files: ['core/api/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@dwc/server', '@dwc/plugin-*', '**/plugins/**', '**/storage/**'], message: 'core/api talks to the runtime, never to storage or a plugin directly.' }],
        paths: [{ name: '@dwc/runtime', importNames: runtimeStorageExports, message: 'core/api calls runtime services (ApiDeps), never the database or a store.' }],
      }],
    },
  },
  {
    files: ['plugins/**'],
    rules: forbidden(['@dwc/runtime', '@dwc/api', '@dwc/server', '**/core/**'], 'A plugin depends on @dwc/sdk only.'),
  },
  {
    files: ['ui/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbidden(['@dwc/*', '**/core/**', '**/plugins/**', '**/apps/**'], 'The UI talks to the server only through the HTTP/WebSocket contract of shared/API.md.'),
  },
  {
    files: ['ui/scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['apps/server/src/cli*.ts', 'apps/server/src/commands/**', 'bench/**', 'tests/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
