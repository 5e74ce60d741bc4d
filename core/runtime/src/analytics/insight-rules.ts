import { bucketQuantile, type DurationBucket } from './duration-buckets.js';

/**
 * One finding: what happened in plain words, the numbers behind it, a link to look at, and an
 * impact score from 0 to 1 that orders the list (each rule's scale is written beside it).
 */
export interface Insight {
  kind: 'step_failures_since_version' | 'ai_spend_share' | 'p95_doubled';
  message: string;
  impact: number;
  numbers: Record<string, number | string>;
  link: string;
  workflow_id: string;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const clamp = (n: number) => Math.max(0, Math.min(1, n));

export const FAILURE_RULE = { minRuns: 10, minRise: 0.05, minFactor: 2 };

/**
 * A step that fails more since the workflow's latest version than it did in the versions before:
 * at least 10 runs on the latest version, a failure rate at least twice the earlier one and at
 * least 5 points higher. Impact: the rise in failure rate, doubled (a 50-point rise is 1).
 */
export function stepFailuresSinceVersion(
  outcomes: readonly { workflowId: string; version: number; stepId: string; runs: number; failed: number }[],
  names: ReadonlyMap<string, string>,
): Insight[] {
  const latest = new Map<string, number>();
  for (const o of outcomes) latest.set(o.workflowId, Math.max(latest.get(o.workflowId) ?? 0, o.version));
  const steps = new Map<string, { workflowId: string; stepId: string; version: number; now: { runs: number; failed: number }; before: { runs: number; failed: number } }>();
  for (const o of outcomes) {
    const key = `${o.workflowId}\u0001${o.stepId}`;
    const version = latest.get(o.workflowId)!;
    let step = steps.get(key);
    if (step === undefined) steps.set(key, (step = { workflowId: o.workflowId, stepId: o.stepId, version, now: { runs: 0, failed: 0 }, before: { runs: 0, failed: 0 } }));
    const side = o.version === version ? step.now : step.before;
    side.runs += o.runs;
    side.failed += o.failed;
  }
  const out: Insight[] = [];
  for (const step of steps.values()) {
    if (step.now.runs < FAILURE_RULE.minRuns || step.before.runs === 0) continue;
    const rate = step.now.failed / step.now.runs;
    const was = step.before.failed / step.before.runs;
    if (rate - was < FAILURE_RULE.minRise || rate < was * FAILURE_RULE.minFactor) continue;
    const name = names.get(step.workflowId) ?? 'deleted workflow';
    out.push({
      kind: 'step_failures_since_version',
      message: `Step \`${step.stepId}\` of \`${name}\` fails ${percent(rate)} of runs since version ${step.version}, was ${percent(was)}.`,
      impact: clamp((rate - was) * 2),
      numbers: { failure_rate: round(rate), previous_failure_rate: round(was), runs: step.now.runs, failed: step.now.failed, version: step.version },
      link: `/api/v3/workflows/executions?workflow_id=${step.workflowId}&status=failed`,
      workflow_id: step.workflowId,
    });
  }
  return out;
}

export const SPEND_RULE = { minShare: 0.4 };

/**
 * A step whose AI calls cost at least 40% of all AI spend in the period, when more than one step
 * spent anything. Impact: its share of spend times 0.8 (so it ranks below a failure surge of the same size).
 */
export function aiSpendShare(spend: readonly { workflowId: string | null; stepId: string | null; costUsd: number }[], names: ReadonlyMap<string, string>): Insight[] {
  const priced = spend.filter((s) => s.costUsd > 0);
  const totalCost = priced.reduce((n, s) => n + s.costUsd, 0);
  if (priced.length < 2 || totalCost <= 0) return [];
  return priced
    .filter((s) => s.workflowId !== null && s.stepId !== null && s.costUsd / totalCost >= SPEND_RULE.minShare)
    .map((s) => {
      const share = s.costUsd / totalCost;
      const name = names.get(s.workflowId!) ?? 'deleted workflow';
      return {
        kind: 'ai_spend_share' as const,
        message: `Step \`${s.stepId}\` of \`${name}\` costs ${percent(share)} of AI spend ($${s.costUsd.toFixed(2)} of $${totalCost.toFixed(2)}).`,
        impact: clamp(share * 0.8),
        numbers: { share: round(share), cost_usd: round(s.costUsd), total_cost_usd: round(totalCost) },
        link: `/api/v3/advanced/ai/usage?workflow_id=${s.workflowId}&group_by=step`,
        workflow_id: s.workflowId!,
      };
    });
}

export const P95_RULE = { minRuns: 5, minFactor: 2 };

/**
 * A workflow whose p95 duration at least doubled from the previous period, with 5 or more ended
 * runs in each. Impact: (factor - 1) / 4, so a fivefold p95 is 1.
 */
export function p95Doubled(
  current: ReadonlyMap<string, { buckets: DurationBucket[] }>,
  previous: ReadonlyMap<string, { buckets: DurationBucket[] }>,
  names: ReadonlyMap<string, string>,
  periodWord: string,
): Insight[] {
  const out: Insight[] = [];
  for (const [id, now] of current) {
    const before = previous.get(id);
    const ended = (b: DurationBucket[]) => b.reduce((n, x) => n + x.count, 0);
    if (before === undefined || ended(now.buckets) < P95_RULE.minRuns || ended(before.buckets) < P95_RULE.minRuns) continue;
    const p95 = bucketQuantile(now.buckets, 0.95)!;
    const was = bucketQuantile(before.buckets, 0.95)!;
    if (was <= 0 || p95 < was * P95_RULE.minFactor) continue;
    const name = names.get(id) ?? 'deleted workflow';
    out.push({
      kind: 'p95_doubled',
      message: `p95 duration of \`${name}\` went from ${seconds(was)} to ${seconds(p95)} this ${periodWord} (${(p95 / was).toFixed(1)}x).`,
      impact: clamp((p95 / was - 1) / 4),
      numbers: { p95_ms: p95, previous_p95_ms: was, factor: round(p95 / was) },
      link: `/api/v3/workflows/${id}/executions`,
      workflow_id: id,
    });
  }
  return out;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
