import { describe, expect, it } from 'vitest';
import { chooseVariant, seededRandom, variantOdds, type VariantFeedback } from './thompson.js';

describe('Thompson sampling over variants', () => {
  it('converges toward the better variant as outcomes come in (seeded)', () => {
    const random = seededRandom(0.42);
    const truth: Record<string, number> = { short: 0.3, long: 0.7 };
    const feedback: Record<string, VariantFeedback> = { short: { variant: 'short', rewardSum: 0, pulls: 0 }, long: { variant: 'long', rewardSum: 0, pulls: 0 } };
    const picks: string[] = [];
    for (let round = 0; round < 400; round++) {
      const chosen = chooseVariant(['short', 'long'], Object.values(feedback), random);
      picks.push(chosen);
      const reward = random() < truth[chosen]! ? 1 : 0;
      feedback[chosen]!.rewardSum += reward;
      feedback[chosen]!.pulls += 1;
    }
    const lastHundred = picks.slice(-100);
    expect(lastHundred.filter((p) => p === 'long').length).toBeGreaterThan(80);
    const odds = variantOdds(['short', 'long'], Object.values(feedback), random);
    expect(odds.find((o) => o.variant === 'long')!.chosen_probability).toBeGreaterThan(0.8);
    expect(odds.find((o) => o.variant === 'long')!.mean).toBeGreaterThan(odds.find((o) => o.variant === 'short')!.mean);
  });

  it('tries every variant while there is no feedback', () => {
    const random = seededRandom(7);
    const seen = new Set(Array.from({ length: 50 }, () => chooseVariant(['a', 'b', 'c'], [], random)));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
  });
});
