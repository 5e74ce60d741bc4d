import { randomBeta, randomLcg } from 'd3-random';

/** What the feedback says of one variant: Beta(alpha, beta) over its chance of a good outcome, from a Beta(1, 1) prior. */
export interface VariantOdds {
  variant: string;
  /** 1 + the sum of rewards. */
  alpha: number;
  /** 1 + the sum of (1 - reward). */
  beta: number;
  /** How many outcomes were posted. */
  pulls: number;
  /** alpha / (alpha + beta): the expected chance of a good outcome. */
  mean: number;
  /** How often Thompson sampling would choose it now (estimated by sampling). */
  chosen_probability: number;
}

export interface VariantFeedback {
  variant: string;
  rewardSum: number;
  pulls: number;
}

/** A random source in [0, 1): Math.random, or a seeded one (`seededRandom`) for reproducible tests and benchmarks. */
export type RandomSource = () => number;

export const seededRandom = (seed: number): RandomSource => randomLcg(seed);

/**
 * Thompson sampling over Bernoulli-like rewards: draws one sample from each variant's Beta
 * posterior (d3-random's `randomBeta`) and picks the largest, so a variant is chosen as often as
 * it is likely to be the best; a variant without feedback has the flat prior and still gets tried.
 */
export function chooseVariant(variants: readonly string[], feedback: readonly VariantFeedback[], random: RandomSource = Math.random): string {
  const beta = randomBeta.source(random);
  let best = variants[0]!;
  let bestDraw = -1;
  for (const variant of variants) {
    const { alpha, beta: b } = posterior(variant, feedback);
    const draw = beta(alpha, b)();
    if (draw > bestDraw) {
      bestDraw = draw;
      best = variant;
    }
  }
  return best;
}

/** Each variant's posterior and how often it would be chosen now (`draws` rounds of sampling). */
export function variantOdds(variants: readonly string[], feedback: readonly VariantFeedback[], random: RandomSource = Math.random, draws = 2000): VariantOdds[] {
  const wins = new Map<string, number>(variants.map((v) => [v, 0]));
  for (let i = 0; i < draws; i++) {
    const chosen = chooseVariant(variants, feedback, random);
    wins.set(chosen, wins.get(chosen)! + 1);
  }
  return variants.map((variant) => {
    const { alpha, beta, pulls } = posterior(variant, feedback);
    return { variant, alpha, beta, pulls, mean: alpha / (alpha + beta), chosen_probability: wins.get(variant)! / draws };
  });
}

function posterior(variant: string, feedback: readonly VariantFeedback[]) {
  const seen = feedback.find((f) => f.variant === variant);
  const rewardSum = seen?.rewardSum ?? 0;
  const pulls = seen?.pulls ?? 0;
  return { alpha: 1 + rewardSum, beta: 1 + pulls - rewardSum, pulls };
}
