import type { MetricSeries } from './dashboard-api';

export type TimeMap = Map<number, number>;

const STEP_MS = { '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 } as const;

/** The length of one point of a series, in milliseconds. */
export const stepMs = (series: MetricSeries) => STEP_MS[series.step];

/** Each bucket's values added across the label sets that `keep` accepts (all by default). */
export function sumByTime(series: MetricSeries, keep: (labels: Record<string, string>) => boolean = () => true): TimeMap {
  const out: TimeMap = new Map();
  for (const s of series.series) {
    if (!keep(s.labels)) continue;
    for (const p of s.points) {
      const t = Date.parse(p.t);
      out.set(t, (out.get(t) ?? 0) + p.value);
    }
  }
  return out;
}

/**
 * A histogram's quantile per bucket across its label sets (one per workflow, say): each set's
 * quantile weighted by its observations. Not the quantile of the merged histogram, but close when
 * the sets are alike, and it is what the stored points allow.
 */
export function weightedQuantileByTime(series: MetricSeries, quantile: 'p50' | 'p95'): TimeMap {
  const totals = new Map<number, { weighted: number; count: number }>();
  for (const s of series.series) {
    for (const p of s.points) {
      const q = p[quantile];
      if (q === null || q === undefined || p.count === 0) continue;
      const t = Date.parse(p.t);
      const total = totals.get(t) ?? { weighted: 0, count: 0 };
      total.weighted += q * p.count;
      total.count += p.count;
      totals.set(t, total);
    }
  }
  return new Map([...totals].map(([t, { weighted, count }]) => [t, weighted / count]));
}

/** Maps each value (e.g. seconds to milliseconds, CPU seconds to a share of the bucket). */
export const scale = (map: TimeMap, factor: number): TimeMap => new Map([...map].map(([t, v]) => [t, v * factor]));

/**
 * The lines on one time axis: every time any of them has, ascending. A counter's missing bucket
 * counted nothing (0); a gauge's missing bucket had no reading (null, a gap in the line).
 */
export function align(maps: readonly TimeMap[], missing: 0 | null): { times: number[]; columns: (number | null)[][] } {
  const times = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return { times, columns: maps.map((m) => times.map((t) => m.get(t) ?? missing)) };
}
