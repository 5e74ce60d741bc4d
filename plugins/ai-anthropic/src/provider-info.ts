import { apiKeyReadiness, type AiProviderInfo } from '@dwc/sdk';
import type { AnthropicSettings } from './common/config.js';
import { anthropicEs } from './i18n-es.js';

/** What the host shows of the `anthropic` provider before its vendor SDK is loaded. */
export function anthropicProviderInfo(settings: AnthropicSettings): AiProviderInfo {
  return {
    type: 'anthropic',
    title: 'Anthropic',
    description: `Anthropic Claude models at ${settings.baseUrl}`,
    i18n: anthropicEs,
    capabilities: { streaming: true, embeddings: false, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
    readiness: apiKeyReadiness({ apiKey: settings.apiKey, hint: 'set ANTHROPIC_API_KEY' }),
  };
}
