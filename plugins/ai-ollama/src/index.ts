import { defineLazyAiProvider, definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { ollamaConfigSchema, resolveOllamaSettings } from './common/config.js';
import { ollamaProviderInfo } from './provider-info.js';
import { pluginEs } from './i18n-es.js';

/** The `ollama` AI provider: models on a local Ollama server, with no internet needed. */
export const aiOllamaPlugin = definePlugin({
  name: '@dwc/plugin-ai-ollama',
  apiVersion: SDK_API_VERSION,
  description: 'Local models through Ollama as an AI provider; works with no internet',
  i18n: pluginEs,
  config: ollamaConfigSchema,
  permissions: { network: ['*'], secrets: ['OLLAMA_HOST'] },
  setup(ctx) {
    const settings = resolveOllamaSettings(ctx.config, ctx.secrets);
    // The vendor SDK is imported on the first call, not at start.
    ctx.aiProviders.register(defineLazyAiProvider(ollamaProviderInfo(settings), async () => (await import('./ollama-provider.js')).createOllamaProvider(settings)));
  },
});

export default aiOllamaPlugin;
export { ollamaConfigSchema, resolveOllamaSettings };
export type { OllamaConfig, OllamaSettings } from './common/config.js';
