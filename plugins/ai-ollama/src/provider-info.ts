import type { AiProviderInfo } from '@dwc/sdk';
import type { OllamaSettings } from './common/config.js';
import { ollamaEs } from './i18n-es.js';

/** What the host shows of the `ollama` provider before its vendor SDK is loaded. */
export function ollamaProviderInfo(settings: OllamaSettings): AiProviderInfo {
  return {
    type: 'ollama',
    title: 'Ollama',
    description: `Local models served by Ollama at ${settings.baseUrl}`,
    i18n: ollamaEs,
    capabilities: { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: true, offline: true },
    // Usable when the server answers: the default chain asks `health` first.
    readiness: {
      state: 'probe',
      hint: settings.hostChosen ? `start Ollama at ${settings.baseUrl} or correct host / OLLAMA_HOST` : 'start Ollama (ollama serve) or set OLLAMA_HOST',
    },
  };
}
