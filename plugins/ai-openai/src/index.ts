import { defineLazyAiProvider, definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { openAiConfigSchema, resolveOpenAiSettings } from './common/config.js';
import { openaiProviderInfo } from './provider-info.js';
import { pluginEs } from './i18n-es.js';

/** The `openai` AI provider: OpenAI itself or any OpenAI-compatible server (LM Studio, vLLM, llama.cpp). */
export const aiOpenAiPlugin = definePlugin({
  name: '@dwc/plugin-ai-openai',
  apiVersion: SDK_API_VERSION,
  description: 'OpenAI and OpenAI-compatible servers (LM Studio, vLLM, llama.cpp) as an AI provider',
  i18n: pluginEs,
  config: openAiConfigSchema,
  permissions: { network: ['*'], secrets: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'] },
  setup(ctx) {
    const settings = resolveOpenAiSettings(ctx.config, ctx.secrets);
    // The vendor SDK is imported on the first call, not at start.
    ctx.aiProviders.register(defineLazyAiProvider(openaiProviderInfo(settings), async () => (await import('./openai-provider.js')).createOpenAiProvider(settings)));
  },
});

export default aiOpenAiPlugin;
export { openAiConfigSchema, resolveOpenAiSettings };
export type { OpenAiConfig, OpenAiSettings } from './common/config.js';
