import { defineExporter, type MetricFamily, type MetricSample } from '@dwc/sdk';
import type { Registry } from 'prom-client';

interface PromValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

function histogramValues(name: string, sample: MetricSample): PromValue[] {
  const h = sample.histogram!;
  const values: PromValue[] = [];
  let cumulative = 0;
  h.bounds.forEach((bound, i) => {
    cumulative += h.counts[i]!;
    values.push({ metricName: `${name}_bucket`, labels: { ...sample.labels, le: bound }, value: cumulative });
  });
  values.push({ metricName: `${name}_bucket`, labels: { ...sample.labels, le: '+Inf' }, value: h.count });
  values.push({ metricName: `${name}_sum`, labels: sample.labels, value: h.sum });
  values.push({ metricName: `${name}_count`, labels: sample.labels, value: h.count });
  return values;
}

/**
 * One snapshot family as a prom-client collector: prom-client's registry formats and escapes the
 * exposition (HELP, TYPE, label values, +Inf/NaN), and each sample keeps the value dwc recorded.
 */
function asCollector(family: MetricFamily) {
  const get = async () => ({
    name: family.name,
    help: family.help,
    type: family.type,
    aggregator: 'sum' as const,
    values: family.type === 'histogram' ? family.samples.flatMap((s) => histogramValues(family.name, s)) : family.samples.map((s) => ({ value: s.value, labels: s.labels })),
  });
  return { name: family.name, help: family.help, type: family.type, aggregator: 'sum', get };
}

/** Renders a metrics snapshot as Prometheus text (format 0.0.4) with prom-client. */
export async function renderPrometheus(families: readonly MetricFamily[]): Promise<{ contentType: string; body: string }> {
  // prom-client loads at the first scrape, not at start.
  const { Registry: PromRegistry } = await import('prom-client');
  const registry: Registry = new PromRegistry();
  for (const family of families) registry.registerMetric(asCollector(family) as unknown as Parameters<Registry['registerMetric']>[0]);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** The `prometheus` pull exporter: the host serves its output at `GET /metrics`. */
export const prometheusExporter = defineExporter({
  type: 'prometheus',
  title: 'Prometheus',
  description: 'Serves every metric of this process at GET /metrics in the Prometheus text format (DWC_METRICS_TOKEN bearer or loopback only).',
  render: renderPrometheus,
});
