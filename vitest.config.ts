import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['{core,plugins,apps}/**/src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          globalSetup: ['tests/support/bundle-global-setup.ts', 'tests/support/postgres-global-setup.ts'],
          setupFiles: ['tests/support/pg-busy-client-guard.ts'],
          pool: 'forks',
        },
      },
      'ui/vitest.config.ts',
    ],
  },
});
