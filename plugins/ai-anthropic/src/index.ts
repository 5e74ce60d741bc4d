import { defineLazyAiProvider, definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { anthropicConfigSchema, resolveAnthropicSettings } from './common/config.js';
import { anthropicProviderInfo } from './provider-info.js';
import { pluginEs } from './i18n-es.js';

/** The `anthropic` AI provider: Claude models through the Messages API. */
export const aiAnthropicPlugin = definePlugin({
  name: '@dwc/plugin-ai-anthropic',
  apiVersion: SDK_API_VERSION,
  description: 'Anthropic Claude models as an AI provider',
  i18n: pluginEs,
  config: anthropicConfigSchema,
  permissions: { network: ['*'], secrets: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'] },
  setup(ctx) {
    const settings = resolveAnthropicSettings(ctx.config, ctx.secrets);
    // The vendor SDK is imported on the first call, not at start.
    ctx.aiProviders.register(defineLazyAiProvider(anthropicProviderInfo(settings), async () => (await import('./anthropic-provider.js')).createAnthropicProvider(settings)));
  },
});

export default aiAnthropicPlugin;
export { anthropicConfigSchema, resolveAnthropicSettings };
export type { AnthropicConfig, AnthropicSettings } from './common/config.js';
