import type { Document, ItemSentence } from 'wink-nlp';
import { its } from '../common/nlp.js';

/**
 * Extractive summary: the `max` sentences wink-nlp rates most important (by the weight of their
 * terms across the text), kept in their original order. No sentence is rewritten.
 */
export function summaryOf(doc: Document, max: number): string {
  const sentences: string[] = [];
  doc.sentences().each((s: ItemSentence) => void sentences.push(s.out().trim()));
  if (sentences.length <= max) return sentences.join(' ');
  const importance = doc.out(its().sentenceWiseImportance) as unknown as { index: number; importance: number }[];
  const chosen = [...importance]
    .sort((a, b) => b.importance - a.importance || a.index - b.index)
    .slice(0, max)
    .map((s) => s.index)
    .sort((a, b) => a - b);
  return chosen.map((i) => sentences[i]).join(' ');
}
