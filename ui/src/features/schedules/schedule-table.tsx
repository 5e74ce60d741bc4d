import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import type { Schedule } from './schedules-api';
import { timingSummary } from './timing-summary';

/** The schedules as a table: when each runs, for what, what comes next, and its buttons. */
export function ScheduleTable({ items, busy, canWrite = true, onPause, onDelete }: { items: readonly Schedule[]; busy: boolean; canWrite?: boolean; onPause(schedule: Schedule, paused: boolean): void; onDelete(schedule: Schedule): void }) {
  const { t } = useTranslation('schedules');
  if (items.length === 0) return <p className="muted">{t('empty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('columns.name')}</th>
          <th scope="col">{t('columns.kind')}</th>
          <th scope="col">{t('columns.when')}</th>
          <th scope="col">{t('columns.timezone')}</th>
          <th scope="col">{t('columns.target')}</th>
          <th scope="col">{t('columns.next')}</th>
          <th scope="col">{t('columns.status')}</th>
          <th scope="col">{t('columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/schedules/${s.id}`}>{s.name}</Link>
            </td>
            <td>{t(`kinds.${s.kind}`)}</td>
            <td>
              <code>{timingSummary(s, t)}</code>
            </td>
            <td>{s.timezone}</td>
            <td>{s.workflow_id ? <Link to={`/workflows/${s.workflow_id}`}>{t('target.workflow')}</Link> : s.payload && 'task_type' in s.payload ? t('target.task', { type: String(s.payload.task_type) }) : t('target.event')}</td>
            <td>{s.status === 'paused' ? '—' : formatDateTime(s.next_run_at)}</td>
            <td>
              <span className={s.status === 'active' ? 'badge badge-succeeded' : 'badge badge-waiting'}>{t(`status.${s.status}`)}</span>
            </td>
            <td className="row-actions">
              {canWrite && (
              <button type="button" className="ghost" disabled={busy} onClick={() => onPause(s, s.status === 'active')} aria-label={t(s.status === 'active' ? 'pauseNamed' : 'resumeNamed', { name: s.name })}>
                {s.status === 'active' ? t('pause') : t('resume')}
              </button>
              )}
              {canWrite && s.source === 'api' && (
                <button type="button" className="ghost" onClick={() => onDelete(s)} aria-label={t('deleteNamed', { name: s.name })}>
                  {t('delete.button')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
