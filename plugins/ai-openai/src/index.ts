import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { openAiConfigSchema, resolveOpenAiSettings } from './common/config.js';
import { createOpenAiProvider } from './openai-provider.js';

/** The `openai` AI provider: OpenAI itself or any OpenAI-compatible server (LM Studio, vLLM, llama.cpp). */
export const aiOpenAiPlugin = definePlugin({
  name: '@dwc/plugin-ai-openai',
  apiVersion: SDK_API_VERSION,
  description: 'OpenAI and OpenAI-compatible servers (LM Studio, vLLM, llama.cpp) as an AI provider',
  config: openAiConfigSchema,
  permissions: { network: ['*'], secrets: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'] },
  setup(ctx) {
    ctx.aiProviders.register(createOpenAiProvider(resolveOpenAiSettings(ctx.config, ctx.secrets)));
  },
});

export default aiOpenAiPlugin;
export { createOpenAiProvider, openAiConfigSchema, resolveOpenAiSettings };
export type { OpenAiConfig, OpenAiSettings } from './common/config.js';
