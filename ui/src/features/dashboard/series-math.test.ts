import { describe, expect, it } from 'vitest';
import type { MetricSeries } from './dashboard-api';
import { align, sumByTime, weightedQuantileByTime } from './series-math';

const point = (t: string, value: number, extra: Partial<{ count: number; p50: number; p95: number }> = {}) => ({ t, value, count: extra.count ?? value, sum: value, ...extra });
const executions: MetricSeries = {
  name: 'dwc_executions_total', type: 'counter', step: '1m', from: '', to: '',
  series: [
    { labels: { workflow: 'a', status: 'succeeded' }, points: [point('2026-12-05T05:00:00Z', 3), point('2026-12-05T05:01:00Z', 1)] },
    { labels: { workflow: 'b', status: 'failed' }, points: [point('2026-12-05T05:01:00Z', 2), point('2026-12-05T05:03:00Z', 1)] },
  ],
};

describe('series math', () => {
  it('adds the label sets of each bucket, or only those kept', () => {
    expect([...sumByTime(executions)]).toEqual([[Date.parse('2026-12-05T05:00:00Z'), 3], [Date.parse('2026-12-05T05:01:00Z'), 3], [Date.parse('2026-12-05T05:03:00Z'), 1]]);
    expect([...sumByTime(executions, (l) => l.status === 'failed').values()]).toEqual([2, 1]);
  });

  it('aligns lines on every time any has, filling a counter with 0 and a gauge with a gap', () => {
    const all = sumByTime(executions);
    const failed = sumByTime(executions, (l) => l.status === 'failed');
    expect(align([all, failed], 0).columns).toEqual([[3, 3, 1], [0, 2, 1]]);
    expect(align([all, failed], null).columns[1]).toEqual([null, 2, 1]);
  });

  it("weights each label set's quantile by its observations", () => {
    const durations: MetricSeries = {
      ...executions, type: 'histogram',
      series: [
        { labels: { workflow: 'a' }, points: [point('2026-12-05T05:00:00Z', 3, { count: 3, p50: 1, p95: 2 })] },
        { labels: { workflow: 'b' }, points: [point('2026-12-05T05:00:00Z', 1, { count: 1, p50: 5, p95: 10 })] },
      ],
    };
    expect([...weightedQuantileByTime(durations, 'p50').values()]).toEqual([2]);
    expect([...weightedQuantileByTime(durations, 'p95').values()]).toEqual([4]);
  });
});
