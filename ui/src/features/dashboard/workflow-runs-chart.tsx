import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { dashboardApi, dashboardKeys, type TimeRange } from './dashboard-api';
import { formats } from './dashboard-format';
import { align, sumByTime } from './series-math';
import { TimeSeriesChart } from './time-series-chart';

/** Runs and failures of one workflow over the range, from the stored `dwc_executions_total` (labelled by workflow name). */
export function WorkflowRunsChart({ name, range }: { name: string; range: TimeRange }) {
  const { t } = useTranslation('dashboard');
  const series = useQuery({
    queryKey: dashboardKeys.metric('dwc_executions_total', range),
    queryFn: ({ signal }) => dashboardApi.metric('dwc_executions_total', range, signal),
    refetchInterval: 60_000,
  });
  const chart = useMemo(() => {
    if (!series.data) return undefined;
    const mine = (labels: Record<string, string>) => labels.workflow === name;
    const aligned = align([sumByTime(series.data, mine), sumByTime(series.data, (l) => mine(l) && l.status === 'failed')], 0);
    return {
      times: aligned.times,
      lines: [
        { label: t('charts.runsLine'), color: '--accent' as const, values: aligned.columns[0]! },
        { label: t('charts.failuresLine'), color: '--bad' as const, values: aligned.columns[1]! },
      ],
      window: [Date.parse(series.data.from), Date.parse(series.data.to)] as const,
    };
  }, [series.data, name, t]);
  if (series.error) return <ErrorNote error={series.error} />;
  if (!chart) return null;
  return <TimeSeriesChart title={t('charts.runs')} times={chart.times} lines={chart.lines} format={formats.count} window={chart.window} />;
}
