import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { localConfigSchema } from './common/config.js';
import { createLocalProvider } from './local-provider.js';

/** The `local` AI provider: offline text analysis and lexical embeddings, no model needed. */
export const aiLocalPlugin = definePlugin({
  name: '@dwc/plugin-ai-local',
  apiVersion: SDK_API_VERSION,
  description: 'Offline text analysis with no model: sentiment, keywords, summary, language, readability, classification',
  config: localConfigSchema,
  setup(ctx) {
    ctx.aiProviders.register(createLocalProvider(ctx.config));
  },
});

export default aiLocalPlugin;
export { createLocalProvider, localConfigSchema };
export { lexicalEmbedding } from './lexical-embedding.js';
export type { LocalConfig } from './common/config.js';
