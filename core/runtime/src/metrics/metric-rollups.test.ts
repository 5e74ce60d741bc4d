import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { sqlClientOf } from '../storage/sql-client.js';
import { histogramQuantile } from './histogram-math.js';
import { createMetricRecorder, type RetentionMs } from './metric-recorder.js';
import { createMetricRegistry } from './metric-registry.js';
import { queryMetric } from './metric-query.js';
import { createMetricStore, type MetricStore } from './metric-store.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const logger = pino({ level: 'silent' });
const keepAll: RetentionMs = { 60: 365 * DAY, 3600: 365 * DAY, 86_400: 365 * DAY };

describe.each(['sqlite', 'postgres'] as const)('metric rollups on %s', (dialect) => {
  let db: TestDatabase;
  let store: MetricStore;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    store = createMetricStore(sqlClientOf(db.database));
  });
  afterAll(() => db.cleanup());

  const processWith = (name: string, retentionMs = keepAll) => {
    const registry = createMetricRegistry({ maxSeries: 100 });
    const recorder = createMetricRecorder({ snapshot: () => registry.snapshot(), store, process: name, retentionMs, logger });
    return { registry, recorder };
  };

  it('stores counter increases per minute and adds them up in the hour and day rollups', async () => {
    const t0 = Date.UTC(2026, 0, 5, 10, 0, 10);
    const { registry, recorder } = processWith('p-counter');
    const runs = registry.counter({ name: 'dwc_test_runs_total', help: 'x', labelNames: ['status'] });
    runs.inc(['ok'], 3);
    await recorder.flush(t0);
    runs.inc(['ok'], 2);
    await recorder.flush(t0 + MINUTE);
    await recorder.flush(t0 + 2 * MINUTE); // nothing new: no point written

    const minutes = await queryMetric(store, { name: 'dwc_test_runs_total', from: t0 - 10_000, to: t0 + 10 * MINUTE, step: '1m' }, keepAll, t0);
    expect(minutes.series).toEqual([{ labels: { status: 'ok' }, points: [expect.objectContaining({ value: 3 }), expect.objectContaining({ value: 2 })] }]);
    const hours = await queryMetric(store, { name: 'dwc_test_runs_total', from: t0, to: t0 + HOUR, step: '1h' }, keepAll, t0);
    expect(hours.series[0]!.points).toEqual([expect.objectContaining({ t: '2026-01-05T10:00:00.000Z', value: 5 })]);
    const days = await queryMetric(store, { name: 'dwc_test_runs_total', from: t0, to: t0 + DAY, step: '1d' }, keepAll, t0);
    expect(days.series[0]!.points[0]!.value).toBe(5);
  });

  it('answers a histogram quantile across a rollup boundary and across processes from the stored bucket counts', async () => {
    // 10:59 and 11:00 fall into different hours; the day rollup holds both, from two processes.
    const before = Date.UTC(2026, 0, 6, 10, 59, 30);
    const after = Date.UTC(2026, 0, 6, 11, 0, 30);
    const a = processWith('p-a');
    const b = processWith('p-b');
    const buckets = [0.1, 0.5, 1, 5];
    const ha = a.registry.histogram({ name: 'dwc_test_wait_seconds', help: 'x', buckets });
    const hb = b.registry.histogram({ name: 'dwc_test_wait_seconds', help: 'x', buckets });
    const early = [0.05, 0.05, 0.05, 0.2, 0.3];
    const late = [0.7, 0.8, 2, 3, 4];
    for (const v of early) ha.observe([], v);
    await a.recorder.flush(before);
    for (const v of late.slice(0, 2)) ha.observe([], v);
    await a.recorder.flush(after);
    for (const v of late.slice(2)) hb.observe([], v);
    await b.recorder.flush(after);

    const day = await queryMetric(store, { name: 'dwc_test_wait_seconds', from: before, to: after + 1, step: '1d' }, keepAll, before);
    expect(day.processes).toEqual(['p-a', 'p-b']);
    const point = day.series[0]!.points[0]!;
    expect(point.count).toBe(10);
    expect(point.sum).toBeCloseTo(11.15);
    // The same quantiles as a histogram that saw every observation at once.
    const whole = histogramOf(buckets, [...early, ...late]);
    expect(point.p50).toBeCloseTo(histogramQuantile(whole, 0.5)!);
    expect(point.p95).toBeCloseTo(histogramQuantile(whole, 0.95)!);
    expect(point.p50).toBeCloseTo(0.5); // 5 of 10 are at or under 0.5

    const hours = await queryMetric(store, { name: 'dwc_test_wait_seconds', from: before - HOUR, to: after + HOUR, step: '1h' }, keepAll, before);
    expect(hours.series[0]!.points.map((p) => p.count)).toEqual([5, 5]);
  });

  it('deletes each rollup\'s buckets older than its retention and keeps the coarser ones', async () => {
    const retention: RetentionMs = { 60: 2 * HOUR, 3600: 3 * DAY, 86_400: 400 * DAY };
    const { registry, recorder } = processWith('p-retention', retention);
    const gauge = registry.gauge({ name: 'dwc_test_level', help: 'x' });
    const old = Date.UTC(2026, 1, 1, 8, 0, 0);
    gauge.set([], 4);
    await recorder.flush(old);
    const laterSameMonth = old + 5 * DAY;
    gauge.set([], 6);
    await recorder.flush(laterSameMonth);

    const range = { name: 'dwc_test_level', from: old, to: laterSameMonth + MINUTE };
    expect((await queryMetric(store, { ...range, step: '1m' }, retention, laterSameMonth)).series[0]!.points).toHaveLength(1);
    expect((await queryMetric(store, { ...range, step: '1h' }, retention, laterSameMonth)).series[0]!.points).toHaveLength(1);
    const days = await queryMetric(store, { ...range, step: '1d' }, retention, laterSameMonth);
    expect(days.series[0]!.points.map((p) => p.value)).toEqual([4, 6]);
  });

  it('chooses the finest rollup still kept when no step is given', async () => {
    const now = Date.UTC(2026, 2, 1);
    const retention: RetentionMs = { 60: DAY, 3600: 30 * DAY, 86_400: 400 * DAY };
    expect((await queryMetric(store, { name: 'none', from: now - HOUR, to: now }, retention, now)).step).toBe('1m');
    expect((await queryMetric(store, { name: 'none', from: now - 7 * DAY, to: now }, retention, now)).step).toBe('1h');
    expect((await queryMetric(store, { name: 'none', from: now - 90 * DAY, to: now }, retention, now)).step).toBe('1d');
  });
});

/** The histogram one registry makes of all `values`. */
function histogramOf(bounds: number[], values: number[]) {
  const registry = createMetricRegistry({ maxSeries: 1 });
  const h = registry.histogram({ name: 'dwc_x_seconds', help: 'x', buckets: bounds });
  for (const v of values) h.observe([], v);
  return registry.snapshot().find((f) => f.name === 'dwc_x_seconds')!.samples[0]!.histogram!;
}
