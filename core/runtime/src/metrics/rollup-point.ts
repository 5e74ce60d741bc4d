import type { HistogramValue } from '@dwc/sdk';
import { mergeHistogram } from './histogram-math.js';

/** The rollups every sample is added to: 1 minute, 1 hour, 1 day (in seconds). */
export const RESOLUTIONS = [60, 3600, 86_400] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const RESOLUTION_NAMES: Record<Resolution, '1m' | '1h' | '1d'> = { 60: '1m', 3600: '1h', 86_400: '1d' };

/** What one series recorded in one bucket of one rollup. */
export interface RollupPoint {
  type: 'counter' | 'gauge' | 'histogram';
  /** Counter: readings taken; gauge: readings; histogram: observations. */
  count: number;
  /** Counter: the increase; gauge: the sum of readings; histogram: the sum of observations. */
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  histogram: HistogramValue | null;
}

export function bucketStart(ms: number, resolution: Resolution): number {
  const size = resolution * 1000;
  return Math.floor(ms / size) * size;
}

/** A counter's increase, a gauge's reading or a histogram's new observations, as a point of its own. */
export function pointOf(type: RollupPoint['type'], value: number, histogram?: HistogramValue): RollupPoint {
  if (type === 'histogram') return { type, count: histogram!.count, sum: histogram!.sum, min: null, max: null, last: null, histogram: histogram! };
  if (type === 'counter') return { type, count: 1, sum: value, min: null, max: null, last: null, histogram: null };
  return { type, count: 1, sum: value, min: value, max: value, last: value, histogram: null };
}

const lowest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const highest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * Two points of one series (or of two processes) as one. `later` is the newer point: its `last`
 * wins. Histograms add bucket by bucket, so a quantile of the merged point is the quantile of all
 * observations in both, whichever bucket boundary lies between them.
 */
export function mergePoints(earlier: RollupPoint, later: RollupPoint): RollupPoint {
  return {
    type: later.type,
    count: earlier.count + later.count,
    sum: earlier.sum + later.sum,
    min: lowest(earlier.min, later.min),
    max: highest(earlier.max, later.max),
    last: later.last ?? earlier.last,
    histogram: earlier.histogram && later.histogram ? mergeHistogram(earlier.histogram, later.histogram) : (later.histogram ?? earlier.histogram),
  };
}
