import { defineLazyAiProvider, definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { localConfigSchema } from './common/config.js';
import { localProviderInfo } from './provider-info.js';
import { pluginEs } from './i18n-es.js';

/** The `local` AI provider: offline text analysis and lexical embeddings, no model needed. */
export const aiLocalPlugin = definePlugin({
  name: '@dwc/plugin-ai-local',
  apiVersion: SDK_API_VERSION,
  description: 'Offline text analysis with no model: sentiment, keywords, summary, language, readability, classification',
  i18n: pluginEs,
  config: localConfigSchema,
  setup(ctx) {
    const config = ctx.config;
    // wink-nlp, its English model and tinyld are imported on the first call, not at start.
    ctx.aiProviders.register(defineLazyAiProvider(localProviderInfo, async () => (await import('./local-provider.js')).createLocalProvider(config)));
  },
});

export default aiLocalPlugin;
export { localConfigSchema };
export type { LocalConfig } from './common/config.js';
