import { apiKeyReadiness, type AiProviderInfo } from '@dwc/sdk';
import type { AnthropicSettings } from './common/config.js';

/** What the host shows of the `anthropic` provider before its vendor SDK is loaded. */
export function anthropicProviderInfo(settings: AnthropicSettings): AiProviderInfo {
  return {
    type: 'anthropic',
    title: 'Anthropic',
    description: `Anthropic Claude models at ${settings.baseUrl}`,
    capabilities: { streaming: true, embeddings: false, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
    readiness: apiKeyReadiness({ apiKey: settings.apiKey, hint: 'set ANTHROPIC_API_KEY' }),
  };
}
