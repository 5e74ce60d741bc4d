import { readDoc, contentTokens } from './common/nlp.js';

/**
 * A deterministic lexical embedding: the stems of a text's content words (nouns, proper nouns,
 * adjectives, verbs), hashed into `dimensions` signed buckets (the hashing trick) with sublinear
 * term frequency, L2-normalised. Texts sharing words (in any inflection) score high on cosine;
 * synonyms do not. It is not semantic, but it works offline and is stable across runs and machines.
 */
export function lexicalEmbedding(text: string, dimensions: number): number[] {
  const counts = new Map<string, number>();
  for (const token of contentTokens(readDoc(text), true)) counts.set(token.stem, (counts.get(token.stem) ?? 0) + 1);
  const vector = new Array<number>(dimensions).fill(0);
  for (const [stem, count] of counts) {
    const hash = fnv1a(stem);
    const sign = hash & 0x8000_0000 ? -1 : 1;
    vector[hash % dimensions]! += sign * (1 + Math.log(count));
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable, well spread for short strings. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
