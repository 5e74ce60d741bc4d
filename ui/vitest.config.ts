import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/** Component tests: beside the components, in happy-dom, run by the root `npm test` as project "ui". */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      name: 'ui',
      root: import.meta.dirname,
      include: ['src/**/*.test.{ts,tsx}'],
      environment: 'happy-dom',
      setupFiles: ['src/test/setup.ts'],
    },
  }),
);
