import type { HistogramValue, MetricFamily } from '@dwc/sdk';
import type { Logger } from 'pino';
import { histogramDelta } from './histogram-math.js';
import type { MetricStore, StoredPoint } from './metric-store.js';
import { bucketStart, mergePoints, pointOf, RESOLUTIONS, type Resolution, type RollupPoint } from './rollup-point.js';

export interface RetentionMs {
  60: number;
  3600: number;
  86_400: number;
}

export interface MetricRecorder {
  /** Adds what changed since the last flush to the current 1m/1h/1d buckets and writes them, then applies retention; false when the database refused. */
  flush(now?: number): Promise<boolean>;
}

/** Canonical JSON of a label set: keys sorted, so one series is always one row key. */
export function labelsKey(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '{}';
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, labels[k]])));
}

/**
 * Samples the registry at each `flush` and stores it in rollups of 1 minute, 1 hour and 1 day.
 * Counters and histograms are cumulative in the registry, so each flush stores the difference from
 * the one before (a counter that went down, a restart, counts from zero). The open bucket of each
 * rollup is kept in memory and rewritten whole at each flush (this process is its only writer).
 */
export function createMetricRecorder(options: {
  snapshot: () => MetricFamily[];
  store: MetricStore;
  process: string;
  retentionMs: RetentionMs;
  logger: Logger;
}): MetricRecorder {
  const previous = new Map<string, { value: number; histogram?: HistogramValue }>();
  const open = new Map<string, StoredPoint>();
  let running: Promise<boolean> = Promise.resolve(true);

  const changeOf = (family: MetricFamily, key: string, value: number, histogram?: HistogramValue): RollupPoint | undefined => {
    const before = previous.get(key);
    previous.set(key, { value, histogram });
    if (family.type === 'gauge') return pointOf('gauge', value);
    if (family.type === 'counter') {
      const increase = before === undefined || value < before.value ? value : value - before.value;
      return increase > 0 ? pointOf('counter', increase) : undefined;
    }
    const restarted = before?.histogram !== undefined && histogram!.count < before.histogram.count;
    const delta = histogramDelta(histogram!, restarted ? undefined : before?.histogram);
    return delta.count > 0 ? pointOf('histogram', delta.count, delta) : undefined;
  };

  async function write(now: number): Promise<void> {
    const touched: StoredPoint[] = [];
    for (const family of options.snapshot()) {
      for (const sample of family.samples) {
        const labels = labelsKey(sample.labels);
        const change = changeOf(family, `${family.name}${labels}`, sample.value, sample.histogram);
        if (change === undefined) continue;
        for (const resolution of RESOLUTIONS) {
          const start = bucketStart(now, resolution);
          const key = `${resolution}|${start}|${family.name}|${labels}`;
          const current = open.get(key);
          const point: StoredPoint = { ...(current ? mergePoints(current, change) : change), name: family.name, labels, process: options.process, resolution, bucketStart: start };
          open.set(key, point);
          touched.push(point);
        }
      }
    }
    await options.store.upsert(touched);
    for (const [key, point] of open) if (point.bucketStart < bucketStart(now, point.resolution)) open.delete(key);
    for (const resolution of RESOLUTIONS) await options.store.deleteBefore(resolution, now - options.retentionMs[resolution as Resolution]);
  }

  return {
    flush(now = Date.now()) {
      // One flush at a time, in order: each one's differences build on the one before.
      running = running.then(() => write(now)).then(
        () => true,
        (err: unknown) => (options.logger.warn({ err }, 'could not store metrics; the open buckets are written again at the next flush'), false),
      );
      return running;
    },
  };
}
