import { apiKeyReadiness, type AiProviderInfo } from '@dwc/sdk';
import { GOOGLE_KEY_SETTING, type GoogleSettings } from './common/config.js';
import { googleEs } from './i18n-es.js';

/** What the host shows of the `google` provider before its vendor SDK is loaded. */
export function googleProviderInfo(settings: GoogleSettings): AiProviderInfo {
  return {
    type: 'google',
    title: 'Google Gemini',
    description: `Google Gemini models at ${settings.baseUrl}`,
    i18n: googleEs,
    capabilities: { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
    readiness: apiKeyReadiness({ apiKey: settings.apiKey, hint: `set ${GOOGLE_KEY_SETTING}` }),
  };
}
