import { defineExporter } from '@dwc/sdk';
import { otlpEs } from './i18n-es.js';

export interface OtlpSettings {
  /** The full metrics URL (`<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/metrics`). */
  url: string;
  intervalMs: number;
  headers?: Record<string, string>;
  serviceName?: string;
}

/**
 * The `otlp` push exporter for the given receiver. The OpenTelemetry SDK (a few hundred modules)
 * loads when the exporter starts, not when the plugin is set up.
 */
export function createOtlpExporter(settings: OtlpSettings) {
  return defineExporter({
    type: 'otlp',
    title: 'OpenTelemetry (OTLP/HTTP)',
    description: `Pushes every metric of this process to ${settings.url} every ${settings.intervalMs / 1000} s.`,
    i18n: otlpEs,
    start: async (ctx) => (await import('./otlp-push.js')).startOtlpPush(ctx, settings),
  });
}
