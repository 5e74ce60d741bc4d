import { definePlugin, z } from '@dwc/sdk';
export default definePlugin({
  name: 'fixture-i18n-unknown-field', apiVersion: 1, description: 'd', config: z.object({ timeout_ms: z.number().default(1) }),
  i18n: { es: { fields: { timeout: { title: 'Tiempo' } } } },
  setup() {},
});
