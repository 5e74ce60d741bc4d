import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { createHttpRequestAction, httpRequestInputSchema, httpRequestOutputSchema } from './actions/http-request.js';
import { httpConfigSchema, httpPolicy } from './common/config.js';
import { createHttpClient } from './common/http-client.js';
import { pluginEs } from './i18n-es.js';

/** Built-in `http.request` action: call user-configured HTTP APIs, limited by the plugin's host policy. */
export const actionHttpPlugin = definePlugin({
  name: '@dwc/plugin-action-http',
  apiVersion: SDK_API_VERSION,
  description: 'Call HTTP APIs from a workflow step',
  i18n: pluginEs,
  config: httpConfigSchema,
  permissions: { network: ['*'] },
  setup(ctx) {
    const policy = httpPolicy(ctx.config, ctx.host);
    const client = createHttpClient(policy);
    ctx.actions.register(createHttpRequestAction(policy, client));
    // Steps still running keep their connections until they finish; the pool closes after them,
    // so disabling or reconfiguring the plugin never waits for (or cuts) a slow request.
    return () => void client.close().catch(() => undefined);
  },
});

export default actionHttpPlugin;
export { createHttpClient, createHttpRequestAction, httpConfigSchema, httpPolicy, httpRequestInputSchema, httpRequestOutputSchema };
export type { HttpConfig, HttpPolicy } from './common/config.js';
export type { HttpClient } from './common/http-client.js';
export type { Resolver } from '@dwc/sdk';
export { httpErrors } from './errors.js';
