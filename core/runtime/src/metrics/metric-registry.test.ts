import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-math.js';
import { REDACTED_EMAIL, REDACTED_ID } from './metric-labels.js';
import { customMetricName, isValidLabelName } from './metric-names.js';
import { createMetricRegistry, SERIES_DROPPED } from './metric-registry.js';

describe('metric names', () => {
  it('turns a custom metric name into a Prometheus name with the dwc_ prefix and _total on counters', () => {
    expect(customMetricName('custom.metric', 'counter')).toBe('dwc_custom_metric_total');
    expect(customMetricName('custom.metric', 'gauge')).toBe('dwc_custom_metric');
    expect(customMetricName('Orders Placed/total', 'counter')).toBe('dwc_orders_placed_total');
    expect(customMetricName('..--', 'gauge')).toBeUndefined();
  });

  it('refuses reserved and malformed label names', () => {
    expect(isValidLabelName('route')).toBe(true);
    expect(isValidLabelName('__name__')).toBe(false);
    expect(isValidLabelName('le')).toBe(false);
    expect(isValidLabelName('1st')).toBe(false);
  });

  it('refuses a counter without _total and a name used with another type', () => {
    const registry = createMetricRegistry({ maxSeries: 10 });
    expect(() => registry.counter({ name: 'dwc_things', help: 'x' })).toThrow(/_total/);
    registry.gauge({ name: 'dwc_level', help: 'x' });
    expect(() => registry.histogram({ name: 'dwc_level', help: 'x', buckets: [1] })).toThrow(/already a gauge/);
  });
});

describe('label values', () => {
  it('replaces e-mails and ids and cuts long values', () => {
    const registry = createMetricRegistry({ maxSeries: 10 });
    const m = registry.counter({ name: 'dwc_runs_total', help: 'x', labelNames: ['workflow'] });
    m.inc(['ana@example.com']);
    m.inc(['01JC2Z8Q5W4X3Y2Z1A0B9C8D7E']);
    m.inc(['3f2b8c1e-8d7a-4b6c-9e0f-1a2b3c4d5e6f']);
    m.inc(['Daily digest']);
    m.inc(['x'.repeat(100)]);
    const values = registry.snapshot().find((f) => f.name === 'dwc_runs_total')!.samples.map((s) => s.labels.workflow);
    expect(values).toEqual([REDACTED_EMAIL, REDACTED_ID, 'Daily digest', 'x'.repeat(64)]);
  });
});

describe('series cap', () => {
  it('drops samples of new label sets beyond the cap and counts them by metric', () => {
    const registry = createMetricRegistry({ maxSeries: 3 });
    const m = registry.counter({ name: 'dwc_calls_total', help: 'x', labelNames: ['route'] });
    for (let i = 0; i < 5; i++) m.inc([`/r${i}`]);
    m.inc(['/r0'], 2);
    const snapshot = registry.snapshot();
    const calls = snapshot.find((f) => f.name === 'dwc_calls_total')!;
    expect(calls.samples).toHaveLength(3);
    expect(calls.samples[0]).toEqual({ labels: { route: '/r0' }, value: 3 });
    const dropped = snapshot.find((f) => f.name === SERIES_DROPPED)!;
    expect(dropped.samples).toEqual([{ labels: { metric: 'dwc_calls_total' }, value: 2 }]);
  });
});

describe('series handles', () => {
  it('records into the same series as label values do, and beyond the cap counts each sample dropped, not the handle', () => {
    const registry = createMetricRegistry({ maxSeries: 1 });
    const m = registry.counter({ name: 'dwc_runs_total', help: 'x', labelNames: ['workflow'] });
    const digest = m.child(['ana@example.com']);
    digest.inc();
    m.inc(['ana@example.com'], 2);
    const refused = m.child(['Publish']);
    expect(registry.snapshot().find((f) => f.name === SERIES_DROPPED)!.samples).toEqual([]);
    refused.inc();
    refused.inc(3);
    expect(() => refused.inc(-1)).toThrow(RangeError);
    const snapshot = registry.snapshot();
    expect(snapshot.find((f) => f.name === 'dwc_runs_total')!.samples).toEqual([{ labels: { workflow: REDACTED_EMAIL }, value: 3 }]);
    expect(snapshot.find((f) => f.name === SERIES_DROPPED)!.samples).toEqual([{ labels: { metric: 'dwc_runs_total' }, value: 2 }]);
  });
});

describe('histograms', () => {
  it('counts observations into buckets and answers quantiles by interpolation', () => {
    const registry = createMetricRegistry({ maxSeries: 10 });
    const h = registry.histogram({ name: 'dwc_wait_seconds', help: 'x', buckets: [1, 2, 4] });
    for (const v of [0.5, 1.5, 1.5, 3, 10]) h.observe([], v);
    const sample = registry.snapshot().find((f) => f.name === 'dwc_wait_seconds')!.samples[0]!;
    expect(sample.histogram).toEqual({ bounds: [1, 2, 4], counts: [1, 2, 1, 1], sum: 16.5, count: 5 });
    expect(histogramQuantile(sample.histogram!, 0.5)).toBeCloseTo(1.75);
    expect(histogramQuantile(sample.histogram!, 0.99)).toBe(4);
  });
});

describe('custom metrics', () => {
  it('refuses a new custom metric name beyond the cap, and keeps taking samples of the existing ones', async () => {
    const { recordCustomSample, MAX_CUSTOM_METRICS } = await import('./custom-metrics.js');
    const registry = createMetricRegistry({ maxSeries: 10 });
    for (let i = 0; i < MAX_CUSTOM_METRICS; i++) recordCustomSample(registry, { name: `m${i}`, value: 1, metric_type: 'gauge', category: 'application' });
    expect(() => recordCustomSample(registry, { name: 'one.more', value: 1, metric_type: 'gauge', category: 'application' })).toThrow(expect.objectContaining({ code: 'too_many_metrics' }));
    expect(recordCustomSample(registry, { name: 'm0', value: 2, metric_type: 'gauge', category: 'application' }).name).toBe('dwc_m0');
  });
});
