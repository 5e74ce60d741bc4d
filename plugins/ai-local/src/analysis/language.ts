import { detectAll } from 'tinyld';
import { round } from './sentiment.js';

/** Language by character n-gram statistics (tinyld, no model download); `und` when it cannot tell. */
export function languageOf(text: string): { code: string; confidence: number } {
  const [best] = detectAll(text);
  return best ? { code: best.lang, confidence: round(best.accuracy) } : { code: 'und', confidence: 0 };
}
