import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { googleConfigSchema, resolveGoogleSettings } from './common/config.js';
import { createGoogleProvider } from './google-provider.js';

/** The `google` AI provider: Gemini models through the Google Gen AI SDK. */
export const aiGooglePlugin = definePlugin({
  name: '@dwc/plugin-ai-google',
  apiVersion: SDK_API_VERSION,
  description: 'Google Gemini models as an AI provider',
  config: googleConfigSchema,
  permissions: { network: ['*'], secrets: ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL'] },
  setup(ctx) {
    ctx.aiProviders.register(createGoogleProvider(resolveGoogleSettings(ctx.config, ctx.secrets)));
  },
});

export default aiGooglePlugin;
export { createGoogleProvider, googleConfigSchema, resolveGoogleSettings };
export type { GoogleConfig, GoogleSettings } from './common/config.js';
