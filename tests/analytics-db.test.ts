import { analyticsInsights, analyticsSummary, sqlClientOf, type SqlClient } from '@dwc/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../core/runtime/src/storage/test-support/open-test-database.js';
import { seedExecutions } from './support/seed-executions.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);

describe.each(['sqlite', 'postgres'] as const)('analytics over stored executions on %s', (dialect) => {
  let db: TestDatabase;
  let sql: SqlClient;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    sql = sqlClientOf(db.database);
    // The hour before: 100 runs of 100 ms; the last hour: 300 runs of 1,000 ms, every 10th failed.
    await seedExecutions(sql, { total: 100, from: NOW - 2 * HOUR, to: NOW - HOUR, workflows: 2, perStatement: 50, durationMs: () => 100, failEvery: 1_000_000 });
    await seedExecutions(sql, { total: 300, from: NOW - HOUR, to: NOW - 1, workflows: 2, perStatement: 100, durationMs: () => 1_000, failEvery: 10, createWorkflows: false });
  });
  afterAll(() => db.cleanup());

  it('counts both periods by status, with p50/p95 from the duration buckets and the busiest workflows', async () => {
    const summary = await analyticsSummary(sql, 'hour', NOW);
    expect(summary.executions).toEqual({ value: 300, previous: 100, change: 2 });
    expect(summary.failed).toEqual({ value: 30, previous: 0, change: null });
    expect(summary.success_rate).toEqual({ value: 0.9, previous: 1, change: -0.1 });
    // 1,000 ms falls in the bucket [1,000, 1,100); its middle answers.
    expect(summary.p50_duration_ms).toMatchObject({ value: 1050, previous: 105 });
    expect(summary.busiest_workflows.map((w) => [w.name, w.executions.value])).toEqual([['Seeded 0', 150], ['Seeded 1', 150]]);
    expect(summary.ai_tokens).toEqual({ value: 0, previous: 0, change: null });
  });

  it('finds that the p95 of each workflow went up tenfold from the stored rows', async () => {
    const { insights } = await analyticsInsights(sql, 'hour', NOW);
    expect(insights.map((i) => i.kind)).toEqual(['p95_doubled', 'p95_doubled']);
    expect(insights[0]!.message).toMatch(/^p95 duration of `Seeded \d` went from 105 ms to 1\.1 s this hour \(10\.0x\)\.$/);
  });
});
