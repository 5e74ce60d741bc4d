import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { useAuth } from '../../lib/auth-store';
import { roleAtLeast } from '../../lib/roles';
import { DashboardCharts } from './dashboard-charts';
import { dashboardApi, dashboardKeys, type WorkflowFigures } from './dashboard-api';
import { formats } from './dashboard-format';
import { InsightsList } from './insights-list';
import { KpiGrid } from './kpi-grid';
import { ReportScheduleForm } from './report-schedule-form';
import { TimeRangePicker, useTimeRange } from './time-range-picker';
import { useRefreshOnRuns } from './use-refresh-on-runs';
import './dashboard.css';

function WorkflowTable({ caption, rows, figure }: { caption: string; rows: WorkflowFigures[]; figure: 'executions' | 'p95_duration_ms' }) {
  const { t } = useTranslation('dashboard');
  const format = figure === 'executions' ? formats.count : formats.ms;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workflows.name')}</th>
          <th scope="col">{figure === 'executions' ? t('workflows.runs') : t('workflows.p95')}</th>
          <th scope="col">{t('workflows.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              {t('workflows.none')}
            </td>
          </tr>
        ) : (
          rows.map((w) => (
            <tr key={w.workflow_id}>
              <td>
                <Link to={`/workflows/${encodeURIComponent(w.workflow_id)}/analytics`}>{w.name}</Link>
              </td>
              <td>{w[figure].value === null ? '—' : format(w[figure].value)}</td>
              <td>{w[figure].change === null ? '—' : formats.change(w[figure].change)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** What the system does and what it costs over a time range: figures beside the previous period, charts, insights, reports. */
export function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const [range, setRange] = useTimeRange();
  const canSchedule = roleAtLeast(useAuth((s) => s.user?.role), 'editor');
  // The summary and insights read the runs themselves: they change when a run ends.
  useRefreshOnRuns(['analytics']);
  const summary = useQuery({ queryKey: dashboardKeys.summary(range), queryFn: ({ signal }) => dashboardApi.summary(range, signal) });
  const insights = useQuery({ queryKey: dashboardKeys.insights(range), queryFn: ({ signal }) => dashboardApi.insights(range, signal) });
  return (
    <section className="page dashboard">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        <TimeRangePicker value={range} onChange={setRange} />
      </div>
      <h2 className="visually-hidden">{t('sections.figures')}</h2>
      <ErrorNote error={summary.error} />
      {summary.isPending ? <Loading /> : summary.data && <KpiGrid summary={summary.data} />}
      <h2>{t('sections.charts')}</h2>
      <DashboardCharts range={range} group="work" />
      <h2 id="insights">{t('sections.insights')}</h2>
      <ErrorNote error={insights.error} />
      {insights.isPending ? <Loading /> : insights.data && <InsightsList insights={insights.data.insights} />}
      <h2>{t('sections.workflows')}</h2>
      {summary.data && (
        <div className="two-columns">
          <WorkflowTable caption={t('workflows.busiest')} rows={summary.data.busiest_workflows} figure="executions" />
          <WorkflowTable caption={t('workflows.slowest')} rows={summary.data.slowest_workflows} figure="p95_duration_ms" />
        </div>
      )}
      <h2>{t('sections.system')}</h2>
      <DashboardCharts range={range} group="system" />
      {canSchedule && (
        <>
          <h2>{t('sections.report')}</h2>
          <ReportScheduleForm />
        </>
      )}
    </section>
  );
}
