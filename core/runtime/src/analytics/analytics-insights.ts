import type { SqlClient } from '../storage/sql-client.js';
import { workflowNames } from './analytics-queries.js';
import { periodsOf, type TimeRange } from './analytics-summary.js';
import { periodFigures } from './period-stats.js';
import { stepFigures } from './step-figures.js';
import { aiSpendShare, p95Doubled, stepFailuresSinceVersion, type Insight } from './insight-rules.js';

/** Findings over the period (and the one before, for comparisons), highest impact first. */
export async function analyticsInsights(sql: SqlClient, range: TimeRange, now = Date.now()): Promise<{ time_range: TimeRange; from: string; to: string; insights: Insight[] }> {
  const periods = periodsOf(range, now);
  const [{ current, previous }, { outcomes, spend }] = await Promise.all([periodFigures(sql, periods), stepFigures(sql, periods)]);
  const ids = new Set<string>([...current.workflows.keys(), ...outcomes.map((o) => o.workflowId), ...spend.flatMap((s) => (s.workflowId ? [s.workflowId] : []))]);
  const names = await workflowNames(sql, [...ids]);
  const insights = [
    ...stepFailuresSinceVersion(outcomes, names),
    ...aiSpendShare(spend, names),
    ...p95Doubled(current.workflows, previous.workflows, names, range),
  ].sort((a, b) => b.impact - a.impact);
  return { time_range: range, from: new Date(periods.from).toISOString(), to: new Date(periods.to).toISOString(), insights };
}
