import type { Document } from 'wink-nlp';
import { its } from '../common/nlp.js';

/** Below this absolute polarity a text counts as neutral. */
const NEUTRAL_BAND = 0.05;

/**
 * Lexicon-based sentiment (wink-nlp, with negation handling). `score` is the polarity moved to [0, 1]:
 * 0 most negative, 0.5 neutral, 1 most positive.
 */
export function sentimentOf(doc: Document): { label: 'positive' | 'negative' | 'neutral'; score: number } {
  const polarity = Number(doc.out(its().sentiment));
  const label = polarity > NEUTRAL_BAND ? 'positive' : polarity < -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score: round((polarity + 1) / 2) };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
