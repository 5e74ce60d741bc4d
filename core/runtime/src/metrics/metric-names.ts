/**
 * Prometheus naming rules for every metric dwc exposes.
 *
 * A custom metric's name (`custom.metric`) becomes `dwc_` + the name lower-cased, every run of
 * characters outside `[a-z0-9_]` turned into one `_`, leading and trailing `_` trimmed, and, for a
 * counter, `_total` appended when it does not already end so: `custom.metric` -> `dwc_custom_metric_total`
 * as a counter, `dwc_custom_metric` as a gauge or histogram.
 */
const VALID_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const VALID_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MAX_NAME = 200;

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Whether `name` is a valid Prometheus metric name. */
export function isValidMetricName(name: string): boolean {
  return name.length <= MAX_NAME && VALID_NAME.test(name);
}

/** Whether `name` is a label name a caller may set (`__` names are reserved by Prometheus; `le` and `quantile` by histograms). */
export function isValidLabelName(name: string): boolean {
  return VALID_LABEL.test(name) && !name.startsWith('__') && name !== 'le' && name !== 'quantile' && name !== 'process';
}

/** The exposed name of a custom metric (see the rule above); undefined when nothing valid is left. */
export function customMetricName(raw: string, type: MetricType): string | undefined {
  const core = raw.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (core.length === 0) return undefined;
  let name = `dwc_${core}`;
  if (type === 'counter' && !name.endsWith('_total')) name += '_total';
  return isValidMetricName(name) ? name : undefined;
}
