import type { ExporterContext, MetricFamily } from '@dwc/sdk';
import { ValueType } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality, DataPointType, MeterProvider, PeriodicExportingMetricReader,
  type CollectionResult, type MetricData, type MetricProducer,
} from '@opentelemetry/sdk-metrics';

import type { OtlpSettings } from './otlp-exporter.js';

const UNITS: Record<string, string> = { seconds: 's', bytes: 'By' };

type HrTime = [number, number];
const hrTime = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/**
 * dwc's metrics as OTLP data: counters become cumulative monotonic sums (named without `_total`,
 * which OTLP leaves to the receiver), gauges stay gauges, histograms keep their explicit buckets;
 * units become UCUM (`s`, `By`).
 */
export function toMetricData(families: readonly MetricFamily[], startMs: number, nowMs: number): MetricData[] {
  const startTime = hrTime(startMs);
  const endTime = hrTime(nowMs);
  return families
    .filter((family) => family.samples.length > 0)
    .map((family): MetricData => {
      const descriptor = {
        name: family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name,
        description: family.help,
        unit: family.unit ? (UNITS[family.unit] ?? family.unit) : '1',
        valueType: ValueType.DOUBLE,
      };
      if (family.type === 'histogram') {
        return {
          descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.HISTOGRAM,
          dataPoints: family.samples.map((s) => ({
            startTime, endTime, attributes: s.labels,
            value: { buckets: { boundaries: s.histogram!.bounds, counts: s.histogram!.counts }, sum: s.histogram!.sum, count: s.histogram!.count },
          })),
        };
      }
      const dataPoints = family.samples.map((s) => ({ startTime, endTime, attributes: s.labels, value: s.value }));
      if (family.type === 'counter') return { descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.SUM, isMonotonic: true, dataPoints };
      return { descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.GAUGE, dataPoints };
    });
}

/**
 * Pushes the host's snapshot to an OTLP/HTTP receiver every `intervalMs` with the official
 * exporter: a MetricProducer hands the snapshot to sdk-metrics' periodic reader, which encodes it
 * (OTLP JSON) and sends it; returns the stop function (one last push, then shutdown).
 */
export async function startOtlpPush(ctx: ExporterContext, settings: OtlpSettings): Promise<() => Promise<void>> {
  const startMs = Date.now();
  const resource = resourceFromAttributes({ 'service.name': settings.serviceName ?? 'dwc', 'process.pid': process.pid });
  const producer: MetricProducer = {
    async collect(): Promise<CollectionResult> {
      return {
        resourceMetrics: { resource, scopeMetrics: [{ scope: { name: 'dwc' }, metrics: toMetricData(ctx.snapshot(), startMs, Date.now()) }] },
        errors: [],
      };
    },
  };
  const exporter = new OTLPMetricExporter({ url: settings.url, headers: settings.headers ?? {}, temporalityPreference: AggregationTemporality.CUMULATIVE });
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: settings.intervalMs, exportTimeoutMillis: Math.min(30_000, settings.intervalMs), metricProducers: [producer] });
  const provider = new MeterProvider({ resource, readers: [reader] });
  ctx.log.info({ url: settings.url, interval_ms: settings.intervalMs }, 'pushing metrics over OTLP/HTTP');
  return async () => {
    await reader.forceFlush().catch((err: unknown) => ctx.log.warn({ err }, 'last OTLP push failed'));
    await provider.shutdown();
  };
}
