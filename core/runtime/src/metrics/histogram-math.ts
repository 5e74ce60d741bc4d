import type { HistogramValue } from '@dwc/sdk';

/** Bucket bounds for durations in seconds, 5 ms to 5 minutes. */
export const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export function emptyHistogram(bounds: readonly number[]): HistogramValue {
  return { bounds: [...bounds], counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 };
}

/** Index of the bucket `value` falls in (the last one is +Inf). */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (value <= bounds[mid]!) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Adds `b` into `a` (same bounds); a histogram of other bounds is refused. */
export function mergeHistogram(a: HistogramValue, b: HistogramValue): HistogramValue {
  if (a.bounds.length !== b.bounds.length || a.bounds.some((bound, i) => bound !== b.bounds[i])) {
    throw new RangeError('cannot merge histograms with different bucket bounds');
  }
  return { bounds: a.bounds, counts: a.counts.map((n, i) => n + b.counts[i]!), sum: a.sum + b.sum, count: a.count + b.count };
}

/** `later - earlier`: what was observed between two readings of a cumulative histogram. */
export function histogramDelta(later: HistogramValue, earlier: HistogramValue | undefined): HistogramValue {
  if (earlier === undefined) return later;
  return { bounds: later.bounds, counts: later.counts.map((n, i) => n - (earlier.counts[i] ?? 0)), sum: later.sum - earlier.sum, count: later.count - earlier.count };
}

/**
 * The q-quantile by linear interpolation inside the bucket it falls in, as Prometheus'
 * `histogram_quantile` does; a quantile in the +Inf bucket answers the highest bound. Null when empty.
 */
export function histogramQuantile(h: HistogramValue, q: number): number | null {
  if (h.count <= 0) return null;
  const rank = q * h.count;
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const inBucket = h.counts[i]!;
    if (seen + inBucket >= rank && inBucket > 0) {
      if (i >= h.bounds.length) return h.bounds[h.bounds.length - 1] ?? null;
      const lower = i === 0 ? 0 : h.bounds[i - 1]!;
      const upper = h.bounds[i]!;
      return lower + (upper - lower) * ((rank - seen) / inBucket);
    }
    seen += inBucket;
  }
  return h.bounds[h.bounds.length - 1] ?? null;
}
