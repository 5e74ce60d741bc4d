import type { AiProviderInfo } from '@dwc/sdk';
import { localEs } from './i18n-es.js';

/** What the host shows of the `local` provider before its NLP libraries and model are loaded. */
export const localProviderInfo: AiProviderInfo = {
  type: 'local',
  title: 'Local analysis (offline)',
  description: 'Sentiment, keywords, extractive summary, language, readability and lexical classification and embeddings, computed in process with no model download',
  i18n: localEs,
  // No language model: `generate` always refuses, so a default chain leaves it out of generation.
  capabilities: { generation: false, streaming: false, embeddings: true, structuredOutput: false, analysis: true, modelManagement: false, offline: true },
};
