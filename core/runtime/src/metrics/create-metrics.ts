import type { EventBus, ExporterDefinition, MetricFamily } from '@dwc/sdk';
import type { Logger } from 'pino';
import { analyticsInsights } from '../analytics/analytics-insights.js';
import { analyticsSummary, type TimeRange } from '../analytics/analytics-summary.js';
import { startHourlyRollup } from '../analytics/rollup-job.js';
import type { DwcConfig } from '../config/settings.js';
import { runtimeErrors } from '../errors.js';
import type { SqlClient } from '../storage/sql-client.js';
import { noAppMetrics, registerAppMetrics, type AppMetrics } from './app-metrics.js';
import { recordCustomSample, type CustomSample } from './custom-metrics.js';
import { createMetricRecorder, type RetentionMs } from './metric-recorder.js';
import { createMetricRegistry, type MetricRegistry } from './metric-registry.js';
import { queryMetric, type StepName } from './metric-query.js';
import { createMetricStore } from './metric-store.js';
import { registerSystemMetrics } from './system-metrics.js';

const DAY_MS = 86_400_000;

export interface MetricsRuntime {
  enabled: boolean;
  /** This process's id in stored series (`host:pid:random`, the worker id). */
  process: string;
  registry: MetricRegistry;
  /** Hooks for the HTTP layer, AI usage, the queue and the WebSocket gateway. */
  app: AppMetrics;
  snapshot(): MetricFamily[];
  recordCustom(sample: CustomSample): ReturnType<typeof recordCustomSample>;
  query(query: { name: string; from: number; to: number; step?: StepName | undefined }): ReturnType<typeof queryMetric>;
  systemOverview(): Promise<Record<string, unknown>>;
  serviceStats(): Promise<Record<string, unknown>>;
  summary(range: TimeRange): ReturnType<typeof analyticsSummary>;
  insights(range: TimeRange): ReturnType<typeof analyticsInsights>;
  /** The Prometheus text of the current metrics, from the pull exporter plugin; undefined when none is loaded. */
  render(): Promise<{ contentType: string; body: string } | undefined>;
  /** Stores what was recorded since the last flush now (also run every DWC_METRICS_FLUSH_SECONDS); false when the database refused. */
  flush(): Promise<boolean>;
  /** Starts the hourly execution stats rollup, the periodic store and the push exporters (OTLP). */
  start(exporters: readonly ExporterDefinition[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The process's metrics: the registry, system and application collectors, the recorder that
 * stores rollups every `DWC_METRICS_FLUSH_SECONDS`, queries, analytics, and the exporters.
 */
export function createMetricsRuntime(deps: {
  config: DwcConfig;
  sql: SqlClient;
  events: EventBus;
  logger: Logger;
  process: string;
  isRemoteEvent: () => boolean;
  workflowName: (id: string) => Promise<string | undefined>;
  queueDepth: () => Promise<Record<string, number>>;
  exporters: () => readonly ExporterDefinition[];
}): MetricsRuntime {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'metrics' });
  const registry = createMetricRegistry({ maxSeries: config.metricsMaxSeries });
  // Turned off, nothing listens and the hooks do nothing: the cost of metrics is then zero.
  const system = registerSystemMetrics(registry, { dataDir: config.dataDir, enabled: config.metricsEnabled });
  const app = config.metricsEnabled ? registerAppMetrics(registry, { events: deps.events, isRemote: deps.isRemoteEvent, workflowName: deps.workflowName }) : noAppMetrics;
  const store = createMetricStore(deps.sql);
  const retention: RetentionMs = { 60: config.metricsKeepMinuteDays * DAY_MS, 3600: config.metricsKeepHourDays * DAY_MS, 86_400: config.metricsKeepDayDays * DAY_MS };
  const flushes = { ok: 0, failed: 0, lastAt: null as string | null };
  const recorder = createMetricRecorder({
    snapshot: () => registry.snapshot(),
    store,
    process: deps.process,
    retentionMs: retention,
    logger,
  });
  const refresh = async () => {
    await system.refreshDisk();
    try {
      app.queueDepth(await deps.queueDepth());
    } catch (err) {
      logger.debug({ err }, 'could not read the queue depth');
    }
  };
  const flush = async (): Promise<boolean> => {
    await refresh();
    const at = Date.now();
    const stored = await recorder.flush(at);
    if (stored) {
      flushes.ok += 1;
      flushes.lastAt = new Date(at).toISOString();
    } else flushes.failed += 1;
    return stored;
  };
  let timer: NodeJS.Timeout | undefined;
  const stops: (() => Promise<void> | void)[] = [];

  const requireEnabled = () => {
    if (!config.metricsEnabled) throw runtimeErrors.error('metrics_disabled', {});
  };

  return {
    enabled: config.metricsEnabled,
    process: deps.process,
    registry,
    app,
    snapshot: () => registry.snapshot(),
    recordCustom(sample) {
      requireEnabled();
      return recordCustomSample(registry, sample);
    },
    async query(query) {
      if (query.from >= query.to) throw runtimeErrors.error('invalid_time_range', {});
      return queryMetric(store, query, retention);
    },
    async systemOverview() {
      const reading = system.read();
      return {
        process: deps.process,
        pid: process.pid,
        uptime_seconds: Math.round(reading.uptimeSeconds),
        cpu_seconds_total: Math.round(reading.cpuSecondsTotal * 1000) / 1000,
        memory: { resident_bytes: reading.residentMemoryBytes, heap_used_bytes: reading.heapUsedBytes, system_free_bytes: reading.systemMemoryFreeBytes, system_total_bytes: reading.systemMemoryTotalBytes },
        event_loop_lag_seconds: { p99: reading.eventLoopLagP99Seconds, max: reading.eventLoopLagMaxSeconds },
        load1: reading.load1,
        data_disk: reading.disk === null ? null : { free_bytes: reading.disk.freeBytes, size_bytes: reading.disk.totalBytes },
        metrics: registry.snapshot().map((family) => ({ name: family.name, type: family.type, series: family.samples.length })),
      };
    },
    async serviceStats() {
      const dropped = registry.snapshot().find((f) => f.name === 'dwc_metrics_series_dropped_total');
      return {
        enabled: config.metricsEnabled,
        process: deps.process,
        series: registry.seriesCount(),
        max_series_per_metric: config.metricsMaxSeries,
        dropped_samples: dropped?.samples.reduce((n, s) => n + s.value, 0) ?? 0,
        flush_seconds: config.metricsFlushSeconds,
        flushes: flushes.ok,
        flush_failures: flushes.failed,
        last_flush_at: flushes.lastAt,
        retention_days: { '1m': config.metricsKeepMinuteDays, '1h': config.metricsKeepHourDays, '1d': config.metricsKeepDayDays },
        stored_processes: await store.processes(60, Date.now() - 10 * 60_000),
        exporters: deps.exporters().map((e) => ({ type: e.type, mode: e.render ? 'pull' : 'push' })),
      };
    },
    flush,
    summary: (range) => analyticsSummary(deps.sql, range),
    insights: (range) => analyticsInsights(deps.sql, range),
    async render() {
      const pull = deps.exporters().find((e) => e.render !== undefined);
      return pull?.render!(registry.snapshot());
    },
    async start(exporters) {
      // Analytics answer with metrics off too, so their rollup always runs.
      stops.push(startHourlyRollup(deps.sql, logger));
      if (!config.metricsEnabled) return;
      await refresh();
      timer = setInterval(() => void flush(), config.metricsFlushSeconds * 1000);
      timer.unref();
      stops.push(async () => {
        clearInterval(timer);
        await flush();
      });
      for (const exporter of exporters) {
        if (exporter.start === undefined) continue;
        try {
          stops.push(await exporter.start({ log: logger.child({ exporter: exporter.type }), snapshot: () => registry.snapshot() }));
        } catch (err) {
          logger.error({ err, exporter: exporter.type }, 'metrics exporter failed to start; the others run');
        }
      }
    },
    async stop() {
      app.stop();
      system.stop();
      for (const stop of stops.splice(0).reverse()) await stop();
    },
  };
}
