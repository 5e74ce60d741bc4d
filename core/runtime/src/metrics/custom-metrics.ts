import { InputError } from '@dwc/sdk';
import { runtimeErrors } from '../errors.js';
import { SECONDS_BUCKETS } from './histogram-math.js';
import type { MetricRegistry } from './metric-registry.js';
import { customMetricName, isValidLabelName, type MetricType } from './metric-names.js';

export interface CustomSample {
  name: string;
  value: number;
  metric_type: MetricType;
  category: string;
  labels?: Record<string, string> | undefined;
}

/** Buckets of custom histograms: the seconds buckets, plus powers of ten for counts and sizes. */
const CUSTOM_BUCKETS = [...SECONDS_BUCKETS, 1_000, 10_000, 100_000, 1_000_000];
const MAX_LABELS = 8;
/** Most custom metric names one process holds; each may hold up to DWC_METRICS_MAX_SERIES series. */
export const MAX_CUSTOM_METRICS = 500;

/**
 * Records a sample of a custom metric (the `/api/v3/metrics/metrics/{counter,gauge,histogram}`
 * routes): the name is made a Prometheus name (see metric-names.ts), `category` becomes a label,
 * and the metric keeps the type and label names of its first sample.
 */
export function recordCustomSample(registry: MetricRegistry, sample: CustomSample): { name: string; metric_type: MetricType; labels: Record<string, string> } {
  const name = customMetricName(sample.name, sample.metric_type);
  if (name === undefined) throw new InputError(`"${sample.name}" leaves no letters or digits for a metric name.`, { code: 'invalid_metric_name', details: { name: ['must contain a letter or digit'] } });
  const labels: Record<string, string> = { category: sample.category, ...(sample.labels ?? {}) };
  const labelNames = Object.keys(labels).sort();
  if (labelNames.length > MAX_LABELS) throw new InputError(`At most ${MAX_LABELS} labels (category included).`, { code: 'invalid_metric_labels', details: { labels: [`at most ${MAX_LABELS - 1} besides category`] } });
  const bad = labelNames.filter((label) => !isValidLabelName(label));
  if (bad.length > 0) throw new InputError(`Label names must match [a-zA-Z_][a-zA-Z0-9_]* and not be __*, le, quantile or process: ${bad.join(', ')}.`, { code: 'invalid_metric_labels', details: Object.fromEntries(bad.map((b) => [`labels.${b}`, ['not a valid label name']])) });
  if (sample.metric_type === 'counter' && sample.value < 0) throw new InputError('A counter only goes up; send a value of 0 or more.', { code: 'invalid_metric_value', details: { value: ['must be 0 or more for a counter'] } });

  const existing = registry.get(name);
  if (existing === undefined && registry.customCount() >= MAX_CUSTOM_METRICS) throw runtimeErrors.error('too_many_metrics', { max: MAX_CUSTOM_METRICS });
  if (existing !== undefined && (existing.type !== sample.metric_type || existing.labelNames.join() !== labelNames.join())) {
    throw runtimeErrors.error('metric_conflict', { name, type: existing.type, labels: existing.labelNames.join(', ') || 'none' });
  }
  const options = { name, help: `Custom metric "${sample.name}" (category ${sample.category})`, labelNames, custom: true };
  const metric = existing ?? (sample.metric_type === 'counter' ? registry.counter(options) : sample.metric_type === 'gauge' ? registry.gauge(options) : registry.histogram({ ...options, buckets: CUSTOM_BUCKETS }));
  const values = labelNames.map((label) => labels[label]!);
  if (sample.metric_type === 'counter') metric.inc(values, sample.value);
  else if (sample.metric_type === 'gauge') metric.set(values, sample.value);
  else metric.observe(values, sample.value);
  return { name, metric_type: sample.metric_type, labels };
}
