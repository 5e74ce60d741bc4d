import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { createHttpRequestAction, httpRequestInputSchema, httpRequestOutputSchema } from './actions/http-request.js';
import { httpConfigSchema } from './common/config.js';

/** Built-in `http.request` action: call user-configured HTTP APIs, limited by the plugin's host policy. */
export const actionHttpPlugin = definePlugin({
  name: '@dwc/plugin-action-http',
  apiVersion: SDK_API_VERSION,
  description: 'Call HTTP APIs from a workflow step',
  config: httpConfigSchema,
  permissions: { network: ['*'] },
  setup(ctx) {
    ctx.actions.register(createHttpRequestAction(ctx.config));
  },
});

export default actionHttpPlugin;
export { createHttpRequestAction, httpConfigSchema, httpRequestInputSchema, httpRequestOutputSchema };
export type { HttpConfig } from './common/config.js';
export { httpErrors } from './errors.js';
