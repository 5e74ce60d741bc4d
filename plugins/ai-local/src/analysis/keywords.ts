import type { Document } from 'wink-nlp';
import { contentTokens, type ContentToken } from '../common/nlp.js';
import { round } from './sentiment.js';

/**
 * Key terms: nouns, proper nouns and adjectives (by lemma, stop words out) and two-word phrases of
 * adjacent ones ending in a noun, ranked by frequency (a phrase counts 1.5); an earlier first mention
 * breaks ties. Scores are relative to the top term.
 */
export function keywordsOf(doc: Document, max: number): { term: string; score: number }[] {
  const tokens = contentTokens(doc);
  const counts = new Map<string, { count: number; first: number }>();
  const add = (term: string, weight: number, at: number) => {
    const seen = counts.get(term);
    if (seen) seen.count += weight;
    else counts.set(term, { count: weight, first: at });
  };
  tokens.forEach((token, at) => {
    add(termOf(token), 1, at);
    const next = tokens[at + 1];
    if (next && next.index === token.index + 1 && next.pos !== 'ADJ') add(`${token.text} ${termOf(next)}`, 1.5, at);
  });
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  const top = ranked[0]?.[1].count ?? 1;
  return ranked.slice(0, max).map(([term, { count }]) => ({ term, score: round(count / top) }));
}

function termOf(token: ContentToken): string {
  return token.pos === 'PROPN' ? token.text : token.lemma;
}
