import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedExecutions } from '../../../../tests/support/seed-executions.js';
import { openDatabase } from '../storage/database.js';
import { sqlClientOf, type SqlClient } from '../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { firstIdAt } from '../storage/new-id.js';
import { analyticsInsights } from './analytics-insights.js';
import { analyticsSummary } from './analytics-summary.js';
import { HOUR_MS, rolledUntil, rollUpHours, ROLLUP_GRACE_MS } from './hourly-rollup.js';
import { splitPeriods } from './period-stats.js';

const NOW = Date.UTC(2026, 5, 10, 12, 30, 0);

/** The exact q-quantile (nearest rank) of a list of durations. */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

async function storedTotals(sql: SqlClient): Promise<{ runs: number; rows: number }> {
  const row = await sql.get<{ runs: unknown; n: unknown }>('SELECT SUM(succeeded + failed + cancelled) AS runs, COUNT(*) AS n FROM execution_stats_hourly');
  return { runs: sql.fromInt(row?.runs ?? 0), rows: sql.fromInt(row?.n ?? 0) };
}

describe('splitPeriods', () => {
  it('reads whole rolled-up hours from the rollup and the partial hours and those since the mark raw', () => {
    const periods = { previousFrom: NOW - 2 * 86_400_000, from: NOW - 86_400_000, to: NOW };
    const at = (day: number, hour: number) => Date.UTC(2026, 5, day, hour);
    expect(splitPeriods(periods, at(10, 11))).toEqual({
      rolled: [{ from: at(8, 13), to: at(9, 12) }, { from: at(9, 13), to: at(10, 11) }],
      raw: [{ from: periods.previousFrom, to: at(8, 13) }, { from: at(9, 12), to: at(9, 13) }, { from: at(10, 11), to: NOW }],
    });
    expect(splitPeriods(periods, null)).toEqual({ rolled: [], raw: [{ from: periods.previousFrom, to: NOW }] });
  });
});

describe.each(['sqlite', 'postgres'] as const)('hourly execution stats on %s', (dialect) => {
  let db: TestDatabase;
  let sql: SqlClient;
  beforeEach(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    sql = sqlClientOf(db.database);
  });
  afterEach(() => db.cleanup());

  it('gives the same counts and quantiles across an hour boundary as the raw executions, within the sketch error', async () => {
    // From two and a half hours before NOW to NOW (12:30), each slice of runs with its own duration: 30 ms to ~30 s.
    const durations: number[] = [];
    const durationMs = (slice: number) => Math.round(30 * 1.37 ** slice);
    const slices = 24;
    const per = 25;
    for (let slice = 0; slice < slices; slice++) for (let i = 0; i < per; i++) durations.push(durationMs(slice));
    await seedExecutions(sql, { total: slices * per, from: NOW - 2.5 * HOUR_MS, to: NOW, workflows: 3, perStatement: per, durationMs, failEvery: 7 });

    const raw = await analyticsSummary(sql, 'day', NOW);
    expect(await rollUpHours(sql, NOW)).toBeGreaterThan(0);
    expect(await rolledUntil(sql)).toBe(Math.floor((NOW - ROLLUP_GRACE_MS) / HOUR_MS) * HOUR_MS);
    const rolled = await analyticsSummary(sql, 'day', NOW);

    // Runs finishing in the current partial hour still come from the executions table.
    expect((await storedTotals(sql)).runs).toBeLessThan(slices * per);
    expect(rolled).toEqual(raw);
    expect(rolled.executions.value).toBe(slices * per);
    for (const q of [0.5, 0.95] as const) {
      const exact = exactQuantile(durations, q);
      const reported = q === 0.5 ? rolled.p50_duration_ms.value! : rolled.p95_duration_ms.value!;
      expect(Math.abs(reported - exact) / exact).toBeLessThanOrEqual(0.1);
    }
  });

  it('answers from the rollup for whole hours: runs deleted after they were rolled up still count, new ones in the open hour too', async () => {
    await seedExecutions(sql, { total: 200, from: NOW - 5 * HOUR_MS, to: NOW - 2 * HOUR_MS, workflows: 2, perStatement: 50, durationMs: () => 500 });
    await rollUpHours(sql, NOW);
    await sql.run('DELETE FROM executions');
    await seedExecutions(sql, { total: 10, from: NOW - 10 * 60_000, to: NOW - 60_000, workflows: 2, perStatement: 5, durationMs: () => 500, createWorkflows: false });
    const summary = await analyticsSummary(sql, 'day', NOW);
    expect(summary.executions.value).toBe(210);
    expect(summary.failed.value).toBe(20);
    expect(summary.p50_duration_ms.value).toBe(505);
  });

  it('backfills a long history a week at a time, once: running again adds nothing', async () => {
    await seedExecutions(sql, { total: 3_000, from: NOW - 20 * 86_400_000, to: NOW - HOUR_MS, workflows: 4, perStatement: 100 });
    const hours = await rollUpHours(sql, NOW);
    expect(hours).toBeGreaterThan(20 * 24 - 2);
    expect((await storedTotals(sql)).runs).toBe(3_000);
    expect(await rollUpHours(sql, NOW)).toBe(0);
    expect(await rollUpHours(sql, NOW + 40 * 60_000)).toBe(1);
    expect((await storedTotals(sql)).runs).toBe(3_000);
    const month = await analyticsSummary(sql, 'month', NOW);
    expect(month.executions.value).toBe(3_000);
  });

  it('rolls AI calls up by the hour they were made in, with calls made outside a workflow', async () => {
    const insert = `INSERT INTO ai_usage (id, provider, model, operation, input_tokens, output_tokens, latency_ms, cost_usd, cached, outcome, workflow_id, created_at)
      VALUES (?, 'openai', 'gpt', 'chat', ?, ?, 10, ?, ${dialect === 'sqlite' ? '0' : 'false'}, 'ok', ?, ?)`;
    await sql.run(insert, ['A1', 100, 50, 0.5, 'WF1', new Date(NOW - 3 * HOUR_MS)]);
    await sql.run(insert, ['A2', 10, 5, 0.25, null, new Date(NOW - 3 * HOUR_MS + 1)]);
    await sql.run(insert, ['A3', 1, 1, 0.125, 'WF1', new Date(NOW - 60_000)]);
    await rollUpHours(sql, NOW);
    await sql.run('DELETE FROM ai_usage WHERE id <> ?', ['A3']);
    const summary = await analyticsSummary(sql, 'day', NOW);
    expect(summary.ai_calls.value).toBe(3);
    expect(summary.ai_tokens.value).toBe(167);
    expect(summary.ai_cost_usd.value).toBe(0.875);
  });

  it('finds the same insights from the step rollup as from the raw steps and AI calls', async () => {
    // 400 runs over the last 20 hours; those of the last 6 on version 2, where step `fetch` fails half the time.
    await seedExecutions(sql, { total: 400, from: NOW - 20 * HOUR_MS, to: NOW, workflows: 1, perStatement: 20, durationMs: () => 200, failEvery: 2 });
    await sql.run('UPDATE executions SET version = 2 WHERE id >= ?', [firstIdAt(NOW - 6 * HOUR_MS)]);
    await sql.run(`INSERT INTO execution_steps (execution_id, step_id, item_index, status, attempts)
      SELECT id, 'fetch', -1, CASE WHEN version = 2 AND status = 'failed' THEN 'failed' ELSE 'succeeded' END, 1 FROM executions`);
    const runs = await sql.all<{ id: string }>('SELECT id FROM executions ORDER BY id');
    const insert = `INSERT INTO ai_usage (id, provider, model, operation, input_tokens, output_tokens, latency_ms, cost_usd, cached, outcome, workflow_id, execution_id, step_id, created_at)
      VALUES (?, 'openai', 'gpt', 'chat', 10, 10, 10, ?, ${dialect === 'sqlite' ? '0' : 'false'}, 'ok', 'WF${'0'.repeat(24)}', ?, ?, ?)`;
    for (let i = 0; i < 40; i++) await sql.run(insert, [`AI${i}`, i % 4 === 0 ? 0.4 : 0.1, runs[i * 10]!.id, i % 4 === 0 ? 'fetch' : 'summarize', new Date(NOW - 20 * HOUR_MS + i * 30 * 60_000)]);

    // Sums taken in another order differ in the last bits of a float.
    const insights = async () => {
      const found = await analyticsInsights(sql, 'day', NOW);
      return found.insights.map((i) => ({ ...i, impact: Math.round(i.impact * 1e9) / 1e9 }));
    };
    const raw = await insights();
    expect(raw.map((i) => i.kind).sort()).toEqual(['ai_spend_share', 'ai_spend_share', 'step_failures_since_version']);
    await rollUpHours(sql, NOW);
    expect(await insights()).toEqual(raw);
    // Whole hours now come from the rollup: the raw rows behind them are no longer read.
    await sql.run('DELETE FROM execution_steps WHERE execution_id < ?', [firstIdAt(NOW - 2 * HOUR_MS)]);
    await sql.run('DELETE FROM ai_usage WHERE created_at < ?', [new Date(NOW - 2 * HOUR_MS)]);
    expect(await insights()).toEqual(raw);
  });

  if (dialect === 'postgres') {
    it('counts the runs of two processes once when both roll up at the same time', async () => {
      const other = await openDatabase({ databaseUrl: (db.database.dataSource.options as { url: string }).url, dataDir: '/nonexistent', logger: silentLogger });
      try {
        const otherSql = sqlClientOf(other);
        await seedExecutions(sql, { total: 500, from: NOW - 30 * 86_400_000, to: NOW - 2 * HOUR_MS, workflows: 2, perStatement: 50 });
        await seedExecutions(otherSql, { total: 300, from: NOW - 29.5 * 86_400_000, to: NOW - 2.5 * HOUR_MS, workflows: 2, perStatement: 50, createWorkflows: false });
        await Promise.all([rollUpHours(sql, NOW), rollUpHours(otherSql, NOW), rollUpHours(sql, NOW)]);
        expect((await storedTotals(sql)).runs).toBe(800);
        expect((await analyticsSummary(otherSql, 'month', NOW)).executions.value).toBe(800);
      } finally {
        await other.close();
      }
    });
  }
});
