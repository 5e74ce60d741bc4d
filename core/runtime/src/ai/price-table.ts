import type { TokenUsage } from '@dwc/sdk';

/** USD per million tokens, keyed `provider/model` or `provider/*` (the `aiPrices` setting). */
export type PriceTable = Readonly<Record<string, { input_per_1m: number; output_per_1m: number }>>;

/** What a call cost, or null when neither `provider/model` nor `provider/*` has a price. */
export function costOf(prices: PriceTable, provider: string, model: string, usage: TokenUsage): number | null {
  const price = prices[`${provider}/${model}`] ?? prices[`${provider}/*`];
  if (!price) return null;
  return (usage.inputTokens * price.input_per_1m + usage.outputTokens * price.output_per_1m) / 1_000_000;
}
