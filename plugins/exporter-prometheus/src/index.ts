import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { prometheusExporter, renderPrometheus } from './prometheus-exporter.js';

/** The `prometheus` metrics exporter: `GET /metrics` in the Prometheus text format. */
export const exporterPrometheusPlugin = definePlugin({
  name: '@dwc/plugin-exporter-prometheus',
  apiVersion: SDK_API_VERSION,
  description: 'Prometheus exposition of dwc metrics at GET /metrics',
  setup(ctx) {
    ctx.exporters.register(prometheusExporter);
  },
});

export default exporterPrometheusPlugin;
export { prometheusExporter, renderPrometheus };
