import type { SqlClient } from '../storage/sql-client.js';
import { aiSpendByStepBetween, stepOutcomesBetween, type Periods } from './analytics-queries.js';
import { rolledUntil } from './hourly-rollup.js';
import { splitPeriods } from './period-stats.js';

export interface StepOutcomes {
  workflowId: string;
  version: number;
  stepId: string;
  runs: number;
  failed: number;
}

export interface StepSpend {
  workflowId: string | null;
  stepId: string | null;
  costUsd: number;
  tokens: number;
}

/**
 * Step outcomes by workflow version over both periods (executions that finished in them) and AI
 * spend by step in the current period: whole hours from `step_stats_hourly`, the rest raw.
 */
export async function stepFigures(sql: SqlClient, periods: Periods): Promise<{ outcomes: StepOutcomes[]; spend: StepSpend[] }> {
  const split = splitPeriods(periods, await rolledUntil(sql));
  const currentWhen = (column: string) => `CASE WHEN ${column} >= ? THEN 1 ELSE 0 END`;
  const from = [new Date(periods.from)];
  const [rolled, rawOutcomes, rawSpend] = await Promise.all([
    split.rolled.length === 0
      ? []
      : sql.all<{ cur: unknown; workflow_id: string; version: unknown; step_id: string; runs: unknown; failed: unknown; tokens: unknown; cost: unknown }>(
          `SELECT CASE WHEN hour_start >= ? THEN 1 ELSE 0 END AS cur, workflow_id, version, step_id,
                  SUM(runs) AS runs, SUM(failed) AS failed, SUM(ai_tokens) AS tokens, SUM(ai_cost_usd) AS cost
           FROM step_stats_hourly WHERE ${split.rolled.map(() => '(hour_start >= ? AND hour_start < ?)').join(' OR ')}
           GROUP BY 1, 2, 3, 4`,
          [periods.from, ...split.rolled.flatMap((r) => [r.from, r.to])],
        ),
    Promise.all(split.raw.map((r) => stepOutcomesBetween(sql, r.from, r.to, '0'))).then((all) => all.flat()),
    Promise.all(split.raw.map((r) => aiSpendByStepBetween(sql, r.from, r.to, currentWhen('a.created_at'), from))).then((all) => all.flat()),
  ]);

  const outcomes = new Map<string, StepOutcomes>();
  const addOutcome = (workflowId: string, version: number, stepId: string, runs: number, failed: number) => {
    if (runs === 0) return;
    const key = `${workflowId}\u0001${version}\u0001${stepId}`;
    const known = outcomes.get(key);
    if (known === undefined) outcomes.set(key, { workflowId, version, stepId, runs, failed });
    else {
      known.runs += runs;
      known.failed += failed;
    }
  };
  const spend = new Map<string, StepSpend>();
  const addSpend = (workflowId: string, stepId: string, tokens: number, costUsd: number) => {
    const key = `${workflowId}\u0001${stepId}`;
    const known = spend.get(key);
    if (known === undefined) spend.set(key, { workflowId: workflowId === '' ? null : workflowId, stepId: stepId === '' ? null : stepId, tokens, costUsd });
    else {
      known.tokens += tokens;
      known.costUsd += costUsd;
    }
  };
  for (const row of rolled) {
    addOutcome(row.workflow_id, sql.fromInt(row.version), row.step_id, sql.fromInt(row.runs), sql.fromInt(row.failed));
    const tokens = Number(row.tokens ?? 0);
    const cost = Number(row.cost ?? 0);
    if (sql.fromInt(row.cur) === 1 && (tokens > 0 || cost > 0)) addSpend(row.workflow_id, row.step_id, tokens, cost);
  }
  for (const row of rawOutcomes) addOutcome(row.workflowId, row.version, row.stepId, row.runs, row.failed);
  for (const row of rawSpend) if (row.group === 1) addSpend(row.workflowId, row.stepId, row.tokens, row.costUsd);
  return { outcomes: [...outcomes.values()], spend: [...spend.values()] };
}
