import { definePlugin, readSetting, z } from '@dwc/sdk';

// Reads its endpoint from a declared secret that holds a value that is not a URL.
export default definePlugin({
  name: 'fixture-bad-setting',
  apiVersion: 1,
  description: 'Fails on an unusable setting from the environment',
  permissions: { secrets: ['FIXTURE_ENDPOINT'] },
  setup(ctx) {
    readSetting(ctx.secrets, { key: 'endpoint', env: ['FIXTURE_ENDPOINT'], schema: z.url() });
  },
});
