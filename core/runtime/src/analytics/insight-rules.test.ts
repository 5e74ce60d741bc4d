import { describe, expect, it } from 'vitest';
import type { DurationBucket } from './duration-buckets.js';
import { aiSpendShare, p95Doubled, stepFailuresSinceVersion } from './insight-rules.js';

const names = new Map([['wf1', 'Daily digest'], ['wf2', 'Publish']]);

describe('insight: a step fails more since a version', () => {
  it('fires when the latest version fails at least twice as often and 5 points more, over 10+ runs', () => {
    const found = stepFailuresSinceVersion(
      [
        { workflowId: 'wf1', version: 3, stepId: 'fetch', runs: 100, failed: 2 },
        { workflowId: 'wf1', version: 4, stepId: 'fetch', runs: 50, failed: 9 },
        { workflowId: 'wf1', version: 4, stepId: 'publish', runs: 50, failed: 0 },
      ],
      names,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('Step `fetch` of `Daily digest` fails 18% of runs since version 4, was 2%.');
    expect(found[0]!.numbers).toMatchObject({ failure_rate: 0.18, previous_failure_rate: 0.02, runs: 50, version: 4 });
    expect(found[0]!.link).toBe('/api/v3/workflows/executions?workflow_id=wf1&status=failed');
  });

  it('stays quiet for a small rise, too few runs, or no earlier version', () => {
    const quiet = (outcomes: Parameters<typeof stepFailuresSinceVersion>[0]) => expect(stepFailuresSinceVersion(outcomes, names)).toEqual([]);
    quiet([{ workflowId: 'wf1', version: 3, stepId: 'a', runs: 100, failed: 10 }, { workflowId: 'wf1', version: 4, stepId: 'a', runs: 100, failed: 14 }]);
    quiet([{ workflowId: 'wf1', version: 3, stepId: 'a', runs: 100, failed: 0 }, { workflowId: 'wf1', version: 4, stepId: 'a', runs: 9, failed: 9 }]);
    quiet([{ workflowId: 'wf1', version: 4, stepId: 'a', runs: 100, failed: 50 }]);
  });
});

describe('insight: a step\'s share of AI spend', () => {
  it('fires for a step with 40% or more of the spend', () => {
    const found = aiSpendShare(
      [
        { workflowId: 'wf1', stepId: 'summarize', costUsd: 6.1 },
        { workflowId: 'wf2', stepId: 'classify', costUsd: 3.9 },
      ],
      names,
    );
    expect(found.map((i) => i.message)).toEqual(['Step `summarize` of `Daily digest` costs 61% of AI spend ($6.10 of $10.00).']);
    expect(found[0]!.impact).toBeCloseTo(0.488);
  });

  it('stays quiet when one step is the only spender, nothing is priced, or spend is spread out', () => {
    expect(aiSpendShare([{ workflowId: 'wf1', stepId: 'a', costUsd: 5 }], names)).toEqual([]);
    expect(aiSpendShare([{ workflowId: 'wf1', stepId: 'a', costUsd: 0 }, { workflowId: 'wf1', stepId: 'b', costUsd: 0 }], names)).toEqual([]);
    expect(aiSpendShare(['a', 'b', 'c', 'd'].map((stepId) => ({ workflowId: 'wf1', stepId, costUsd: 1 })), names)).toEqual([]);
  });
});

describe('insight: p95 doubled', () => {
  const runs = (ms: number, count: number): { buckets: DurationBucket[] } => {
    const text = String(ms);
    return { buckets: [{ head: Number(text.slice(0, 2)), digits: text.length, count }] };
  };

  it('fires when p95 at least doubled with 5+ ended runs in both periods (durations read from their 10% buckets)', () => {
    const found = p95Doubled(new Map([['wf2', runs(4200, 20)]]), new Map([['wf2', runs(1900, 20)]]), names, 'week');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('p95 duration of `Publish` went from 1.9 s to 4.3 s this week (2.2x).');
    expect(found[0]!.numbers).toMatchObject({ p95_ms: 4250, previous_p95_ms: 1950 });
  });

  it('stays quiet below double, with too few runs, or with no previous period', () => {
    expect(p95Doubled(new Map([['wf2', runs(3000, 20)]]), new Map([['wf2', runs(1900, 20)]]), names, 'week')).toEqual([]);
    expect(p95Doubled(new Map([['wf2', runs(9000, 4)]]), new Map([['wf2', runs(1000, 20)]]), names, 'week')).toEqual([]);
    expect(p95Doubled(new Map([['wf2', runs(9000, 20)]]), new Map(), names, 'week')).toEqual([]);
  });
});
