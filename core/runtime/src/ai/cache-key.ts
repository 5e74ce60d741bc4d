import { createHash } from 'node:crypto';
import type { ChatMessage } from '@dwc/sdk';

/** Key prefix of cached AI responses in the shared cache. */
export const AI_CACHE_PREFIX = 'ai:';

/** `ai:<sha256>` over everything that shapes the answer: provider, model, parameters, messages, schema. */
export function aiCacheKey(parts: {
  provider: string;
  model: string | undefined;
  maxTokens: number | undefined;
  temperature: number | undefined;
  messages: readonly ChatMessage[];
  jsonSchema: Record<string, unknown> | undefined;
}): string {
  const canonical = JSON.stringify([parts.provider, parts.model ?? '', parts.maxTokens ?? null, parts.temperature ?? null, parts.messages, parts.jsonSchema ?? null]);
  return AI_CACHE_PREFIX + createHash('sha256').update(canonical).digest('hex');
}

/** Deterministic calls (temperature 0 or unset) are cached unless the caller says otherwise. */
export function isCacheable(temperature: number | undefined, asked: boolean | undefined): boolean {
  if (asked !== undefined) return asked;
  return temperature === undefined || temperature === 0;
}
