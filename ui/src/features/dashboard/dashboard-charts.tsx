import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { dashboardApi, dashboardKeys, type MetricSeries, type TimeRange } from './dashboard-api';
import { formats } from './dashboard-format';
import { align, scale, stepMs, sumByTime, weightedQuantileByTime, type TimeMap } from './series-math';
import { TimeSeriesChart, type ChartLine } from './time-series-chart';

/** The stored metrics the charts read. */
const METRICS = [
  'dwc_executions_total',
  'dwc_execution_duration_seconds',
  'dwc_ai_cost_usd_total',
  'dwc_ai_tokens_total',
  'dwc_queue_jobs',
  'dwc_process_cpu_seconds_total',
  'dwc_process_resident_memory_bytes',
  'dwc_event_loop_lag_seconds',
] as const;
type MetricName = (typeof METRICS)[number];

interface ChartSpec {
  id: string;
  title: string;
  format: (n: number) => string;
  lines: { label: string; color: ChartLine['color']; map: TimeMap }[];
  missing: 0 | null;
}

function Chart({ spec, window }: { spec: ChartSpec; window: readonly [number, number] }) {
  const { times, lines } = useMemo(() => {
    const aligned = align(spec.lines.map((l) => l.map), spec.missing);
    return { times: aligned.times, lines: spec.lines.map((l, i) => ({ label: l.label, color: l.color, values: aligned.columns[i]! })) };
  }, [spec]);
  return <TimeSeriesChart title={spec.title} times={times} lines={lines} format={spec.format} window={window} />;
}

/** Runs, failures, durations, AI spend and tokens, queue depth, and the system, over the range. */
export function DashboardCharts({ range, group }: { range: TimeRange; group: 'work' | 'system' }) {
  const { t, i18n } = useTranslation('dashboard');
  // Metrics reach the database every DWC_METRICS_FLUSH_SECONDS (60 s by default), not per event: read them as often.
  const results = useQueries({
    queries: METRICS.map((name) => ({ queryKey: dashboardKeys.metric(name, range), queryFn: ({ signal }: { signal: AbortSignal }) => dashboardApi.metric(name, range, signal), refetchInterval: 60_000 })),
  });
  const data = Object.fromEntries(METRICS.map((name, i) => [name, results[i]!.data])) as Record<MetricName, MetricSeries | undefined>;
  const error = results.find((r) => r.error)?.error;
  const ready = results.every((r) => r.data !== undefined);

  const specs = useMemo((): ChartSpec[] => {
    if (!ready) return [];
    const d = data as Record<MetricName, MetricSeries>;
    // CPU seconds used per bucket over the bucket's seconds: the share of one core.
    const cpuShare = scale(sumByTime(d.dwc_process_cpu_seconds_total), 1000 / stepMs(d.dwc_process_cpu_seconds_total));
    const work: ChartSpec[] = [
      {
        id: 'runs', title: t('charts.runs'), format: formats.count, missing: 0,
        lines: [
          { label: t('charts.runsLine'), color: '--accent', map: sumByTime(d.dwc_executions_total) },
          { label: t('charts.failuresLine'), color: '--bad', map: sumByTime(d.dwc_executions_total, (l) => l.status === 'failed') },
        ],
      },
      {
        id: 'durations', title: t('charts.durations'), format: formats.ms, missing: null,
        lines: [
          { label: 'p50', color: '--ok', map: scale(weightedQuantileByTime(d.dwc_execution_duration_seconds, 'p50'), 1000) },
          { label: 'p95', color: '--warn', map: scale(weightedQuantileByTime(d.dwc_execution_duration_seconds, 'p95'), 1000) },
        ],
      },
      { id: 'ai-spend', title: t('charts.aiSpend'), format: formats.usd, missing: 0, lines: [{ label: t('charts.aiSpend'), color: '--accent', map: sumByTime(d.dwc_ai_cost_usd_total) }] },
      { id: 'ai-tokens', title: t('charts.aiTokens'), format: formats.count, missing: 0, lines: [{ label: t('charts.aiTokens'), color: '--run', map: sumByTime(d.dwc_ai_tokens_total) }] },
      {
        id: 'queue', title: t('charts.queue'), format: formats.count, missing: null,
        lines: [
          { label: t('charts.queued'), color: '--warn', map: sumByTime(d.dwc_queue_jobs, (l) => l.status === 'queued') },
          { label: t('charts.running'), color: '--run', map: sumByTime(d.dwc_queue_jobs, (l) => l.status === 'running') },
        ],
      },
    ];
    const system: ChartSpec[] = [
      { id: 'cpu', title: t('charts.cpu'), format: formats.percent, missing: null, lines: [{ label: t('charts.cpuLine'), color: '--accent', map: cpuShare }] },
      { id: 'memory', title: t('charts.memory'), format: formats.bytes, missing: null, lines: [{ label: t('charts.memoryLine'), color: '--run', map: sumByTime(d.dwc_process_resident_memory_bytes) }] },
      { id: 'lag', title: t('charts.lag'), format: formats.ms, missing: null, lines: [{ label: t('charts.lagLine'), color: '--warn', map: scale(sumByTime(d.dwc_event_loop_lag_seconds, (l) => l.stat === 'p99'), 1000) }] },
    ];
    return group === 'work' ? work : system;
    // Rebuilt when a series changes (its dataUpdatedAt), not when `data`, a new object each render, does.
  }, [ready, group, i18n.language, ...results.map((r) => r.dataUpdatedAt)]);

  const runs = data.dwc_executions_total;
  const from = runs ? Date.parse(runs.from) : 0;
  const to = runs ? Date.parse(runs.to) : 0;
  const window = useMemo(() => [from, to] as const, [from, to]);
  if (error) return <ErrorNote error={error} />;
  if (!ready) return <Loading />;
  return (
    <div className="charts">
      {specs.map((spec) => (
        <Chart key={spec.id} spec={spec} window={window} />
      ))}
    </div>
  );
}
