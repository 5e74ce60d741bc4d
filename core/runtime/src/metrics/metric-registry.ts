import type { HistogramValue, MetricFamily } from '@dwc/sdk';
import { bucketIndex, emptyHistogram } from './histogram-math.js';
import { safeLabelValue } from './metric-labels.js';
import { isValidLabelName, isValidMetricName, type MetricType } from './metric-names.js';

export interface MetricOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
  unit?: string;
  /** Histograms: bucket upper bounds, ascending. */
  buckets?: readonly number[];
  /** Runs before each snapshot to set the current values (system gauges, counters read from the OS). */
  collect?: () => void;
  /** Made by a user through the custom metric routes (counted against their cap). */
  custom?: boolean;
  /** Label values come from code, never from users (route templates, status codes): skips the e-mail/id check on the hot path. */
  trustedLabels?: boolean;
}

export interface Metric {
  readonly name: string;
  readonly type: MetricType;
  readonly labelNames: readonly string[];
  /** Counter: adds `value` (>= 0). */
  inc(labels: readonly string[], value?: number): void;
  /** Gauge (and counters read from elsewhere, e.g. CPU seconds): sets the value. */
  set(labels: readonly string[], value: number): void;
  /** Histogram: records one observation. */
  observe(labels: readonly string[], value: number): void;
  /**
   * The series of these label values, looked up (and its labels checked) once: what a hot path keeps
   * instead of passing label values at each sample. A series the cap refused drops and counts each sample.
   */
  child(labels: readonly string[]): MetricChild;
}

/** One series of a metric: `inc`, `set` and `observe` as on `Metric`, without the label values. */
export interface MetricChild {
  inc(value?: number): void;
  set(value: number): void;
  observe(value: number): void;
}

class Series implements MetricChild {
  /** The labels by name, made once: snapshots hand out the same object each time (exporters may cache by it). */
  named: Readonly<Record<string, string>> | undefined = undefined;
  value = 0;

  constructor(
    readonly metric: string,
    readonly labels: readonly string[],
    readonly histogram: HistogramValue | undefined,
  ) {}

  inc(value = 1): void {
    if (!(value >= 0)) throw new RangeError(`counter ${this.metric} cannot go down (got ${value})`);
    this.value += value;
  }

  set(value: number): void {
    this.value = value;
  }

  observe(value: number): void {
    const h = this.histogram!;
    h.counts[bucketIndex(h.bounds, value)]! += 1;
    h.sum += value;
    h.count += 1;
  }
}

/** What `child` answers for a label set beyond the series cap: each sample is counted as dropped. */
class DroppedSeries implements MetricChild {
  constructor(
    private readonly metric: string,
    private readonly drop: () => void,
  ) {}
  inc(value = 1): void {
    if (!(value >= 0)) throw new RangeError(`counter ${this.metric} cannot go down (got ${value})`);
    this.drop();
  }
  set(): void {
    this.drop();
  }
  observe(): void {
    this.drop();
  }
}

interface Family extends Metric {
  help: string;
  unit?: string;
  collect?: () => void;
  series: Map<string, Series>;
  buckets?: readonly number[];
  trusted: boolean;
}

export interface MetricRegistry {
  counter(options: MetricOptions): Metric;
  gauge(options: MetricOptions): Metric;
  histogram(options: MetricOptions): Metric;
  /** The metric registered under `name`, if any. */
  get(name: string): Metric | undefined;
  /** Every metric's current samples (labels as name -> value). */
  snapshot(): MetricFamily[];
  /** How many series exist in all. */
  seriesCount(): number;
  /** How many custom metrics exist. */
  customCount(): number;
}

export const SERIES_DROPPED = 'dwc_metrics_series_dropped_total';

/**
 * The process's metrics. Label values are given positionally (in `labelNames` order) so the hot
 * path builds one string key and no object. Each metric holds at most `maxSeries` series; a sample
 * for a new label set beyond that is dropped and counted in `dwc_metrics_series_dropped_total{metric}`.
 */
export function createMetricRegistry(options: { maxSeries: number }): MetricRegistry {
  const families = new Map<string, Family>();
  let customs = 0;
  const maxSeries = options.maxSeries;

  /** The series of a label set, made if the cap allows; `countDrop` false when no sample is being recorded yet. */
  const seriesOf = (family: Family, given: readonly string[], countDrop = true): Series | undefined => {
    const labels = family.trusted ? given : given.map(safeLabelValue);
    const key = labels.length === 0 ? '' : labels.length === 1 ? labels[0]! : labels.join('\u0001');
    let series = family.series.get(key);
    if (series !== undefined) return series;
    if (labels.length !== family.labelNames.length) throw new RangeError(`${family.name} takes ${family.labelNames.length} label values, got ${labels.length}`);
    if (family.series.size >= maxSeries && family !== dropped) {
      if (countDrop) dropped.inc([family.name]);
      return undefined;
    }
    series = new Series(family.name, labels, family.buckets ? emptyHistogram(family.buckets) : undefined);
    family.series.set(key, series);
    return series;
  };

  const define = (type: MetricType, o: MetricOptions): Family => {
    if (!isValidMetricName(o.name)) throw new TypeError(`invalid metric name "${o.name}"`);
    if (type === 'counter' && !o.name.endsWith('_total')) throw new TypeError(`counter "${o.name}" must end with _total`);
    const labelNames = o.labelNames ?? [];
    for (const label of labelNames) if (!isValidLabelName(label)) throw new TypeError(`invalid label name "${label}" on ${o.name}`);
    const existing = families.get(o.name);
    if (existing !== undefined) {
      if (existing.type !== type) throw new TypeError(`metric "${o.name}" is already a ${existing.type}`);
      return existing;
    }
    const family: Family = {
      name: o.name,
      type,
      help: o.help,
      unit: o.unit,
      labelNames,
      collect: o.collect,
      trusted: o.trustedLabels === true,
      series: new Map(),
      buckets: type === 'histogram' ? [...(o.buckets ?? [])].sort((a, b) => a - b) : undefined,
      inc(labels, value = 1) {
        if (!(value >= 0)) throw new RangeError(`counter ${o.name} cannot go down (got ${value})`);
        seriesOf(family, labels)?.inc(value);
      },
      set(labels, value) {
        seriesOf(family, labels)?.set(value);
      },
      observe(labels, value) {
        seriesOf(family, labels)?.observe(value);
      },
      child(labels) {
        return seriesOf(family, labels, false) ?? new DroppedSeries(family.name, () => dropped.inc([family.name]));
      },
    };
    families.set(o.name, family);
    if (o.custom) customs += 1;
    return family;
  };

  const dropped = define('counter', { name: SERIES_DROPPED, help: 'Samples dropped because their metric already had the most series allowed (DWC_METRICS_MAX_SERIES)', labelNames: ['metric'] });

  return {
    counter: (o) => define('counter', o),
    gauge: (o) => define('gauge', o),
    histogram: (o) => define('histogram', o),
    get: (name) => families.get(name),
    customCount: () => customs,
    seriesCount: () => [...families.values()].reduce((n, f) => n + f.series.size, 0),
    snapshot() {
      const out: MetricFamily[] = [];
      for (const family of families.values()) {
        family.collect?.();
        const samples = [];
        for (const series of family.series.values()) {
          const labels = (series.named ??= Object.freeze(Object.fromEntries(family.labelNames.map((label, i) => [label, series.labels[i]!])))) as Record<string, string>;
          const h = series.histogram;
          samples.push(h ? { labels, value: h.count, histogram: { bounds: h.bounds, counts: [...h.counts], sum: h.sum, count: h.count } } : { labels, value: series.value });
        }
        out.push({ name: family.name, help: family.help, type: family.type, ...(family.unit ? { unit: family.unit } : {}), samples });
      }
      return out;
    },
  };
}
