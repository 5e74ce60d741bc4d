import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatDuration } from '../../lib/format';
import type { ScheduleRun } from './schedules-api';

/** A schedule's runs, newest first: planned and fired time, status, and the execution it started. */
export function ScheduleHistory({ runs }: { runs: readonly ScheduleRun[] }) {
  const { t } = useTranslation('schedules');
  if (runs.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <table aria-label={t('history.title')}>
      <thead>
        <tr>
          <th scope="col">{t('history.planned')}</th>
          <th scope="col">{t('history.fired')}</th>
          <th scope="col">{t('history.delay')}</th>
          <th scope="col">{t('history.status')}</th>
          <th scope="col">{t('history.result')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{formatDateTime(run.planned_at)}</td>
            <td>{formatDateTime(run.fired_at)}</td>
            <td>{formatDuration(run.delay_ms)}</td>
            <td>
              <span className={run.status === 'started' ? 'badge badge-succeeded' : 'badge badge-waiting'}>{t(`history.${run.status}`)}</span>
              {run.reason ? <span className="muted"> {run.reason}</span> : null}
            </td>
            <td>
              {run.target === 'execution' && run.target_id ? (
                <Link to={`/runs/${run.target_id}`} aria-label={t('history.openRunAt', { when: formatDateTime(run.planned_at) })}>
                  {t('history.openRun')}
                </Link>
              ) : run.target_id ? (
                <code>{run.target_id}</code>
              ) : (
                t(`history.target.${run.target}`)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
