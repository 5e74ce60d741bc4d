import { apiKeyReadiness, type AiProviderInfo } from '@dwc/sdk';
import type { OpenAiSettings } from './common/config.js';
import { openaiEs } from './i18n-es.js';

/** What the host shows of the `openai` provider before its vendor SDK is loaded. */
export function openaiProviderInfo(settings: OpenAiSettings): AiProviderInfo {
  return {
    type: 'openai',
    title: 'OpenAI',
    description: `OpenAI chat completions and embeddings at ${settings.baseUrl}`,
    i18n: openaiEs,
    capabilities: { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
    readiness: apiKeyReadiness({
      apiKey: settings.apiKey,
      keyRequired: settings.keyRequired,
      hint: 'set OPENAI_API_KEY (or point base_url / OPENAI_BASE_URL at a local OpenAI-compatible server)',
    }),
  };
}
