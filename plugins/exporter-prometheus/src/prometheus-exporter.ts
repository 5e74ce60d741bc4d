import { defineExporter, type MetricFamily } from '@dwc/sdk';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from './prometheus-text.js';
import { prometheusEs } from './i18n-es.js';

/** Renders a metrics snapshot as Prometheus text (format 0.0.4). */
export async function renderPrometheus(families: readonly MetricFamily[]): Promise<{ contentType: string; body: string }> {
  return { contentType: PROMETHEUS_CONTENT_TYPE, body: prometheusText(families) };
}

/** The `prometheus` pull exporter: the host serves its output at `GET /metrics`. */
export const prometheusExporter = defineExporter({
  type: 'prometheus',
  title: 'Prometheus',
  description: 'Serves every metric of this process at GET /metrics in the Prometheus text format (DWC_METRICS_TOKEN bearer or loopback only).',
  i18n: prometheusEs,
  render: renderPrometheus,
});
