import type { Document, ReadabilityStats } from 'wink-nlp';
import { its } from '../common/nlp.js';

/** Flesch reading ease bands and the school level each corresponds to (Flesch, 1948). */
const BANDS: [min: number, grade: string][] = [
  [90, 'very easy (5th grade)'],
  [80, 'easy (6th grade)'],
  [70, 'fairly easy (7th grade)'],
  [60, 'standard (8th-9th grade)'],
  [50, 'fairly difficult (10th-12th grade)'],
  [30, 'difficult (college)'],
  [-Infinity, 'very difficult (college graduate)'],
];

/** Flesch reading ease from wink-nlp's sentence, word and syllable counts, with its grade band. */
export function readabilityOf(doc: Document): { score: number; grade: string } {
  const stats = doc.out(its().readabilityStats) as unknown as ReadabilityStats;
  const score = stats.numOfWords === 0 ? 0 : stats.fres;
  return { score, grade: BANDS.find(([min]) => score >= min)![1] };
}
