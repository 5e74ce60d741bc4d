import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { ollamaConfigSchema, resolveOllamaSettings } from './common/config.js';
import { createOllamaProvider } from './ollama-provider.js';

/** The `ollama` AI provider: models on a local Ollama server, with no internet needed. */
export const aiOllamaPlugin = definePlugin({
  name: '@dwc/plugin-ai-ollama',
  apiVersion: SDK_API_VERSION,
  description: 'Local models through Ollama as an AI provider; works with no internet',
  config: ollamaConfigSchema,
  permissions: { network: ['*'], secrets: ['OLLAMA_HOST'] },
  setup(ctx) {
    ctx.aiProviders.register(createOllamaProvider(resolveOllamaSettings(ctx.config, ctx.secrets)));
  },
});

export default aiOllamaPlugin;
export { createOllamaProvider, ollamaConfigSchema, resolveOllamaSettings };
export type { OllamaConfig, OllamaSettings } from './common/config.js';
