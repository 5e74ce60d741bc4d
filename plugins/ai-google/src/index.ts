import { defineLazyAiProvider, definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { googleConfigSchema, resolveGoogleSettings } from './common/config.js';
import { googleProviderInfo } from './provider-info.js';
import { pluginEs } from './i18n-es.js';

/** The `google` AI provider: Gemini models through the Google Gen AI SDK. */
export const aiGooglePlugin = definePlugin({
  name: '@dwc/plugin-ai-google',
  apiVersion: SDK_API_VERSION,
  description: 'Google Gemini models as an AI provider',
  i18n: pluginEs,
  config: googleConfigSchema,
  permissions: { network: ['*'], secrets: ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL'] },
  setup(ctx) {
    const settings = resolveGoogleSettings(ctx.config, ctx.secrets);
    // The vendor SDK is imported on the first call, not at start.
    ctx.aiProviders.register(defineLazyAiProvider(googleProviderInfo(settings), async () => (await import('./google-provider.js')).createGoogleProvider(settings)));
  },
});

export default aiGooglePlugin;
export { googleConfigSchema, resolveGoogleSettings };
export type { GoogleConfig, GoogleSettings } from './common/config.js';
