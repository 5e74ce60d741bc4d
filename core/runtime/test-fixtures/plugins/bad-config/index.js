import { definePlugin, z } from '@dwc/sdk';
export default definePlugin({ name: 'fixture-bad-config', apiVersion: 1, description: '', config: z.object({ endpoint: z.url() }), setup() {} });
