import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';
import { checkI18n, type I18nTexts } from './i18n/i18n.js';

/** A histogram sample's distribution: `counts[i]` observations fell at or under `bounds[i]` and above the bound before; the last count is above every bound (+Inf). */
export interface HistogramValue {
  bounds: number[];
  counts: number[];
  sum: number;
  count: number;
}

export interface MetricSample {
  labels: Record<string, string>;
  /** Counter and gauge: the value; histogram: the observation count. */
  value: number;
  /** Histograms only: bucket counts (not cumulative), sum and count. */
  histogram?: HistogramValue;
}

/** One named metric and its current samples. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  /** Base unit the name ends with (`seconds`, `bytes`), when it has one. */
  unit?: string;
  samples: MetricSample[];
}

export interface ExporterContext {
  log: Logger;
  /** The current value of every metric. */
  snapshot(): MetricFamily[];
}

export interface ExporterSpec {
  /** Registry key, e.g. `prometheus`, `otlp`. */
  type: string;
  title: string;
  description: string;
  /** Texts in other languages (`es`): name and description. */
  i18n?: I18nTexts;
  /** Pull exporters: renders the snapshot for a scrape (served at `GET /metrics`). */
  render?(metrics: MetricFamily[]): { contentType: string; body: string } | Promise<{ contentType: string; body: string }>;
  /** Push exporters: starts pushing; returns the function that stops it. */
  start?(ctx: ExporterContext): Promise<() => Promise<void> | void>;
}

export interface ExporterDefinition extends ExporterSpec {
  readonly kind: 'exporter';
}

/** Declares a metrics exporter: it must either render (pull) or start (push). */
export function defineExporter(spec: ExporterSpec): ExporterDefinition {
  assertCapabilityId('defineExporter', spec.type);
  if (spec.render === undefined && spec.start === undefined) {
    throw new TypeError(`defineExporter(${spec.type}): give "render" (pull) or "start" (push).`);
  }
  if (spec.render !== undefined) assertFunction(`defineExporter(${spec.type})`, 'render', spec.render);
  if (spec.start !== undefined) assertFunction(`defineExporter(${spec.type})`, 'start', spec.start);
  checkI18n(`defineExporter(${spec.type})`, spec.i18n);
  return Object.freeze({ ...spec, kind: 'exporter' as const });
}
