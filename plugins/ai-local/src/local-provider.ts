import { AiProviderError, defineAiProvider, type AiCallContext, type AnalyzeRequest, type AnalyzeResult } from '@dwc/sdk';
import { classificationOf } from './analysis/classification.js';
import { keywordsOf } from './analysis/keywords.js';
import { languageOf } from './analysis/language.js';
import { readabilityOf } from './analysis/readability.js';
import { sentimentOf } from './analysis/sentiment.js';
import { summaryOf } from './analysis/summary.js';
import type { LocalConfig } from './common/config.js';
import { localProviderInfo } from './provider-info.js';
import { readDoc } from './common/nlp.js';
import { lexicalEmbedding } from './lexical-embedding.js';

export const LOCAL_ANALYSIS_MODEL = 'wink-eng-lite-web-model';

/**
 * The `local` AI provider: text analysis with wink-nlp and tinyld, in process, with no model to
 * download and no network. It has no language model, so `generate` refuses with `bad_request`.
 */
export function createLocalProvider(config: LocalConfig) {
  const embeddingModel = `local-lexical-${config.embedding_dimensions}`;

  function checkText(text: string, ctx: AiCallContext): void {
    stopIfCancelled(ctx);
    if (text.length > config.max_text_chars) {
      throw new AiProviderError('local', 'bad_request', `Text of ${text.length} characters is longer than max_text_chars (${config.max_text_chars}).`);
    }
  }

  return defineAiProvider({
    ...localProviderInfo,

    async generate() {
      throw new AiProviderError(
        'local',
        'bad_request',
        'The local provider has no language model and cannot write text. Use ai.analyze with it (sentiment, keywords, summary, language, readability, classification), or put ollama or a cloud provider in the chain for generation.',
      );
    },

    async analyze(request: AnalyzeRequest, ctx) {
      checkText(request.text, ctx);
      const doc = readDoc(request.text);
      const result: AnalyzeResult = {};
      for (const task of new Set(request.tasks)) {
        stopIfCancelled(ctx);
        if (task === 'sentiment') result.sentiment = sentimentOf(doc);
        else if (task === 'keywords') result.keywords = keywordsOf(doc, request.maxKeywords ?? 10);
        else if (task === 'summary') result.summary = summaryOf(doc, request.maxSentences ?? 3);
        else if (task === 'language') result.language = languageOf(request.text);
        else if (task === 'readability') result.readability = readabilityOf(doc);
        else if (task === 'classification') result.classification = classificationOf(doc, request.labels);
      }
      return result;
    },

    async embed({ texts, model = embeddingModel }, ctx) {
      if (model !== embeddingModel) {
        throw new AiProviderError('local', 'model_not_found', `The local provider has only the embedding model "${embeddingModel}", not "${model}".`);
      }
      const vectors = texts.map((text) => {
        checkText(text, ctx);
        return lexicalEmbedding(text, config.embedding_dimensions);
      });
      return { model, vectors, usage: { inputTokens: 0, outputTokens: 0 } };
    },

    async listModels() {
      return [{ id: LOCAL_ANALYSIS_MODEL }, { id: embeddingModel }];
    },

    async health() {
      try {
        readDoc('ok');
        return { ok: true, detail: 'wink-nlp English model loaded; works offline' };
      } catch (error) {
        return { ok: false, detail: `wink-nlp failed to load: ${(error as Error).message}` };
      }
    },
  });
}

function stopIfCancelled(ctx: AiCallContext): void {
  if (ctx.signal.aborted) throw new AiProviderError('local', 'timeout', 'Local analysis stopped: the call was cancelled or timed out.');
}
