import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { dashboardApi, dashboardKeys } from './dashboard-api';
import { formats } from './dashboard-format';
import { TimeRangePicker, useTimeRange } from './time-range-picker';
import { useRefreshOnRuns } from './use-refresh-on-runs';
import { WorkflowRunsChart } from './workflow-runs-chart';
import './dashboard.css';

/** One workflow over a time range: runs, success rate, p50/p95 duration, AI spend and tokens, failing steps. */
export function WorkflowAnalyticsScreen() {
  const { t } = useTranslation('dashboard');
  const { id = '' } = useParams();
  const [range, setRange] = useTimeRange();
  const workflow = useQuery({ queryKey: ['workflows', id, 'name'], queryFn: ({ signal }) => dashboardApi.workflowName(id, signal) });
  useRefreshOnRuns(['workflows', id, 'analytics'], id);
  const analytics = useQuery({ queryKey: dashboardKeys.workflow(id, range), queryFn: ({ signal }) => dashboardApi.workflow(id, range, signal) });
  const a = analytics.data;
  const cost = a?.ai_usage.reduce((sum, row) => sum + (row.cost_usd ?? 0), 0) ?? 0;
  const tokens = a?.ai_usage.reduce((sum, row) => sum + row.input_tokens + row.output_tokens, 0) ?? 0;
  const figures = a
    ? [
        ['runs', formats.count(a.total)],
        ['successRate', a.success_rate === null ? '—' : formats.percent(a.success_rate)],
        ['p50', a.p50_duration_ms === null ? '—' : formats.ms(a.p50_duration_ms)],
        ['p95', a.p95_duration_ms === null ? '—' : formats.ms(a.p95_duration_ms)],
        ['aiCost', formats.usd(cost)],
        ['aiTokens', formats.count(tokens)],
        ['lastRun', formatDateTime(a.last_run_at)],
      ]
    : [];
  return (
    <section className="page dashboard">
      <p>
        <Link to={`/workflows/${encodeURIComponent(id)}`}>{t('workflow.back')}</Link>
      </p>
      <div className="toolbar">
        <h1>{t('workflow.title', { name: workflow.data?.name ?? '…' })}</h1>
        <span className="spacer" />
        <TimeRangePicker value={range} onChange={setRange} />
      </div>
      <ErrorNote error={workflow.error ?? analytics.error} />
      {analytics.isPending && <Loading />}
      {a && (
        <>
          <ul className="kpis">
            {figures.map(([key, value]) => (
              <li key={key} className="kpi card">
                <span className="kpi-label">{t(`workflow.${key}`)}</span>
                <span className={key === 'lastRun' ? 'kpi-value kpi-date' : 'kpi-value'}>{value}</span>
              </li>
            ))}
          </ul>
          {workflow.data && (
            <div className="charts workflow-chart">
              <WorkflowRunsChart name={workflow.data.name} range={range} />
            </div>
          )}
          <div className="two-columns">
            <table>
              <caption>{t('workflow.byStatus')}</caption>
              <tbody>
                {Object.entries(a.by_status).map(([status, n]) => (
                  <tr key={status}>
                    <th scope="row">{t(`status.${status}`, { ns: 'common', defaultValue: status })}</th>
                    <td>{formats.count(n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>{t('workflow.stepFailures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workflow.step')}</th>
                  <th scope="col">{t('workflow.failures')}</th>
                </tr>
              </thead>
              <tbody>
                {a.step_failures.length === 0 ? (
                  <tr>
                    <td colSpan={2} className="muted">
                      {t('workflow.noFailures')}
                    </td>
                  </tr>
                ) : (
                  a.step_failures.map((f) => (
                    <tr key={f.step_id}>
                      <td>
                        <code>{f.step_id}</code>
                      </td>
                      <td>{formats.count(f.failures)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <p>
            <Link to={`/runs?workflow_id=${encodeURIComponent(id)}`}>{t('workflow.seeRuns')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
