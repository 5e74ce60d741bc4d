import { AiProviderError } from '@dwc/sdk';
import type { Document } from 'wink-nlp';
import { contentTokens, readDoc } from '../common/nlp.js';
import { round, sentimentOf } from './sentiment.js';

const SENTIMENT_LABELS = new Set(['positive', 'negative', 'neutral']);

/**
 * Lexical classification: each label scores by how often the stems of its words (e.g. `finance`
 * matches "financial", "finances") occur in the text; confidence is its share of all matches.
 * Labels that are exactly sentiment names are decided by sentiment instead. With no match at all,
 * the first label is returned with confidence 0.
 */
export function classificationOf(doc: Document, labels: string[] | undefined): { label: string; confidence: number } {
  if (!labels || labels.length === 0) {
    throw new AiProviderError('local', 'bad_request', 'Classification needs candidate labels: pass `labels`, e.g. ["billing", "support", "sales"].');
  }
  if (labels.every((l) => SENTIMENT_LABELS.has(l.toLowerCase()))) {
    const sentiment = sentimentOf(doc);
    const match = labels.find((l) => l.toLowerCase() === sentiment.label);
    if (match) return { label: match, confidence: round(sentiment.label === 'neutral' ? 1 - Math.abs(sentiment.score - 0.5) * 2 : Math.abs(sentiment.score - 0.5) * 2) };
  }
  const stems = new Map<string, number>();
  for (const token of contentTokens(doc, true)) stems.set(token.stem, (stems.get(token.stem) ?? 0) + 1);
  const scores = labels.map((label) => {
    const labelStems = new Set(contentTokens(readDoc(label), true).map((t) => t.stem));
    if (labelStems.size === 0) labelStems.add(label.toLowerCase());
    let hits = 0;
    for (const stem of labelStems) hits += stems.get(stem) ?? 0;
    return hits / labelStems.size;
  });
  const total = scores.reduce((sum, s) => sum + s, 0);
  const best = scores.indexOf(Math.max(...scores));
  return { label: labels[best]!, confidence: total === 0 ? 0 : round(scores[best]! / total) };
}
