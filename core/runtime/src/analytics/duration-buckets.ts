/**
 * Durations grouped in SQL by their two leading digits and their number of digits (in ms): about
 * 180 buckets cover 1 ms to 10^10 ms with at most 10% relative width, so percentiles over a million
 * executions are read from a few hundred rows instead of a sort.
 */
export interface DurationBucket {
  /** Leading digits (1-99) and digit count of the duration in whole ms. */
  head: number;
  digits: number;
  count: number;
}

/** The duration in ms the bucket stands for (its middle). */
export function bucketValue(bucket: Pick<DurationBucket, 'head' | 'digits'>): number {
  if (bucket.digits <= 2) return bucket.head;
  const scale = 10 ** (bucket.digits - 2);
  return (bucket.head + 0.5) * scale;
}

/** The q-quantile of the durations in `buckets` (ms), null when there are none. */
export function bucketQuantile(buckets: readonly DurationBucket[], q: number): number | null {
  const sorted = [...buckets].sort((a, b) => a.digits - b.digits || a.head - b.head);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of sorted) {
    seen += bucket.count;
    if (seen >= rank) return Math.round(bucketValue(bucket));
  }
  return Math.round(bucketValue(sorted[sorted.length - 1]!));
}
