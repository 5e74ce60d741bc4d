import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { anthropicConfigSchema, resolveAnthropicSettings } from './common/config.js';
import { createAnthropicProvider } from './anthropic-provider.js';

/** The `anthropic` AI provider: Claude models through the Messages API. */
export const aiAnthropicPlugin = definePlugin({
  name: '@dwc/plugin-ai-anthropic',
  apiVersion: SDK_API_VERSION,
  description: 'Anthropic Claude models as an AI provider',
  config: anthropicConfigSchema,
  permissions: { network: ['*'], secrets: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'] },
  setup(ctx) {
    ctx.aiProviders.register(createAnthropicProvider(resolveAnthropicSettings(ctx.config, ctx.secrets)));
  },
});

export default aiAnthropicPlugin;
export { anthropicConfigSchema, createAnthropicProvider, resolveAnthropicSettings };
export type { AnthropicConfig, AnthropicSettings } from './common/config.js';
