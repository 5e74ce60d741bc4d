import { definePlugin, SDK_API_VERSION, z } from '@dwc/sdk';
import { createOtlpExporter } from './otlp-exporter.js';
import { pluginEs } from './i18n-es.js';

export const otlpConfigSchema = z
  .object({
    interval_ms: z.number().int().min(1_000).max(3_600_000).default(60_000).describe('How often metrics are pushed, in milliseconds.'),
    service_name: z.string().min(1).max(100).default('dwc').describe('The `service.name` resource attribute.'),
  })
  .strict();

/** `<endpoint>/v1/metrics`, as the OpenTelemetry spec builds the metrics URL from OTEL_EXPORTER_OTLP_ENDPOINT. */
export function metricsUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/metrics`;
}

/**
 * The `otlp` metrics exporter: on when OTEL_EXPORTER_OTLP_ENDPOINT (or the full
 * OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) is set; pushes over OTLP/HTTP (JSON encoding).
 */
export const exporterOtlpPlugin = definePlugin({
  name: '@dwc/plugin-exporter-otlp',
  apiVersion: SDK_API_VERSION,
  description: 'OTLP/HTTP push of dwc metrics to OTEL_EXPORTER_OTLP_ENDPOINT',
  i18n: pluginEs,
  config: otlpConfigSchema,
  permissions: { network: ['*'], secrets: ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT'] },
  setup(ctx) {
    const full = ctx.secrets.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT;
    const base = ctx.secrets.OTEL_EXPORTER_OTLP_ENDPOINT;
    const url = full ? full : base ? metricsUrl(base) : undefined;
    if (url === undefined) {
      ctx.log.debug('OTEL_EXPORTER_OTLP_ENDPOINT is not set: no OTLP push');
      return;
    }
    ctx.exporters.register(createOtlpExporter({ url, intervalMs: ctx.config.interval_ms, serviceName: ctx.config.service_name }));
  },
});

export default exporterOtlpPlugin;
export { createOtlpExporter };
export type { OtlpSettings } from './otlp-exporter.js';
