import { histogramQuantile } from './histogram-math.js';
import type { MetricStore } from './metric-store.js';
import type { RetentionMs } from './metric-recorder.js';
import { mergePoints, RESOLUTION_NAMES, RESOLUTIONS, type Resolution, type RollupPoint } from './rollup-point.js';

export type StepName = '1m' | '1h' | '1d';
const STEP_SECONDS: Record<StepName, Resolution> = { '1m': 60, '1h': 3600, '1d': 86_400 };
/** Most points one series answers with when the step is chosen for the caller. */
const MAX_POINTS = 1_500;

export interface QueriedPoint {
  t: string;
  /** Counter: increase in the bucket; gauge: mean reading; histogram: observations. */
  value: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  p50?: number | null;
  p95?: number | null;
  p99?: number | null;
}

export interface MetricQueryResult {
  name: string;
  type: RollupPoint['type'] | null;
  step: StepName;
  from: string;
  to: string;
  /** The processes whose points were added together. */
  processes: string[];
  series: { labels: Record<string, string>; points: QueriedPoint[] }[];
}

/**
 * The rollup a query reads: the step asked for, or else the finest one still kept for `from`
 * (retention) that answers with at most 1,500 points.
 */
export function chooseResolution(from: number, to: number, now: number, retention: RetentionMs, step?: StepName): Resolution {
  if (step !== undefined) return STEP_SECONDS[step];
  for (const resolution of RESOLUTIONS) {
    if (from >= now - retention[resolution] && (to - from) / (resolution * 1000) <= MAX_POINTS) return resolution;
  }
  return 86_400;
}

function asQueried(start: number, point: RollupPoint): QueriedPoint {
  const out: QueriedPoint = {
    t: new Date(start).toISOString(),
    value: point.type === 'gauge' ? point.sum / point.count : point.type === 'counter' ? point.sum : point.count,
    count: point.count, sum: point.sum, min: point.min, max: point.max, last: point.last,
  };
  if (point.histogram) {
    out.p50 = histogramQuantile(point.histogram, 0.5);
    out.p95 = histogramQuantile(point.histogram, 0.95);
    out.p99 = histogramQuantile(point.histogram, 0.99);
  }
  return out;
}

/** A metric over [from, to) from the right rollup, every process's points of a series and bucket added together. */
export async function queryMetric(
  store: MetricStore,
  query: { name: string; from: number; to: number; step?: StepName | undefined },
  retention: RetentionMs,
  now = Date.now(),
): Promise<MetricQueryResult> {
  const resolution = chooseResolution(query.from, query.to, now, retention, query.step);
  const size = resolution * 1000;
  const rows = await store.range(query.name, resolution, Math.floor(query.from / size) * size, query.to);
  const bySeries = new Map<string, Map<number, RollupPoint>>();
  const processes = new Set<string>();
  for (const row of rows) {
    processes.add(row.process);
    let buckets = bySeries.get(row.labels);
    if (buckets === undefined) bySeries.set(row.labels, (buckets = new Map()));
    const current = buckets.get(row.bucketStart);
    buckets.set(row.bucketStart, current ? mergePoints(current, row) : row);
  }
  return {
    name: query.name,
    type: rows[0]?.type ?? null,
    step: RESOLUTION_NAMES[resolution],
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    processes: [...processes].sort(),
    series: [...bySeries].map(([labels, buckets]) => ({
      labels: JSON.parse(labels) as Record<string, string>,
      points: [...buckets].sort(([a], [b]) => a - b).map(([start, point]) => asQueried(start, point)),
    })),
  };
}
