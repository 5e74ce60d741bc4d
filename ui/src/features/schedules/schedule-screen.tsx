import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { live } from '../../lib/live-events';
import { useCan } from '../../lib/roles';
import { ScheduleHistory } from './schedule-history';
import { getSchedule, scheduleHistory, scheduleKeys, setSchedulePaused } from './schedules-api';
import { timingSummary } from './timing-summary';

/** One schedule: its timing, its next run times, pause/resume, and its history (fresh as its workflow's runs start). */
export function ScheduleScreen() {
  const { t } = useTranslation('schedules');
  const { id = '' } = useParams();
  const client = useQueryClient();
  const canWrite = useCan('schedules:write');
  const schedule = useQuery({ queryKey: scheduleKeys.one(id), queryFn: ({ signal }) => getSchedule(id, signal) });
  const history = useQuery({ queryKey: scheduleKeys.history(id), queryFn: ({ signal }) => scheduleHistory(id, signal) });
  const workflowId = schedule.data?.workflow_id ?? null;
  useEffect(() => {
    if (!workflowId) return;
    const leave = live.join({ type: 'join_workflow', workflow_id: workflowId });
    const stop = live.listen((event) => {
      if (event.type.startsWith('execution.')) void client.invalidateQueries({ queryKey: ['schedules'] });
    });
    return () => (stop(), leave());
  }, [client, workflowId]);
  const pause = useMutation({
    mutationFn: (paused: boolean) => setSchedulePaused(id, paused),
    onSuccess: (next) => client.setQueryData(scheduleKeys.one(id), next),
    onSettled: () => client.invalidateQueries({ queryKey: scheduleKeys.list }),
  });

  if (schedule.error) return <section className="page"><ErrorNote error={schedule.error} /></section>;
  if (!schedule.data) return <section className="page"><Loading /></section>;
  const s = schedule.data;
  const active = s.status === 'active';
  return (
    <section className="page">
      <p>
        <Link to="/schedules">{t('back')}</Link>
      </p>
      <div className="toolbar">
        <h1>{s.name}</h1>
        <span className={active ? 'badge badge-succeeded' : 'badge badge-waiting'}>{t(`status.${s.status}`)}</span>
        <span className="spacer" />
        <button type="button" className="ghost" onClick={() => void client.invalidateQueries({ queryKey: ['schedules'] })}>
          {t('refresh')}
        </button>
        {canWrite && (
          <button type="button" disabled={pause.isPending} onClick={() => pause.mutate(active)}>
            {active ? t('pause') : t('resume')}
          </button>
        )}
      </div>
      <ErrorNote error={pause.error} />
      <div className="two-columns">
        <section className="card" aria-labelledby="schedule-facts">
          <h2 id="schedule-facts">{t('details')}</h2>
          <dl className="facts">
            <dt>{t('columns.kind')}</dt>
            <dd>{t(`kinds.${s.kind}`)}</dd>
            <dt>{t('columns.when')}</dt>
            <dd>
              <code>{timingSummary(s, t)}</code>
            </dd>
            <dt>{t('columns.timezone')}</dt>
            <dd>{s.timezone}</dd>
            <dt>{t('columns.target')}</dt>
            <dd>{s.workflow_id ? <Link to={`/workflows/${s.workflow_id}`}>{t('target.workflow')}</Link> : t('target.event')}</dd>
            <dt>{t('missedRuns')}</dt>
            <dd>{t(`missed.${s.missed_runs}`)}</dd>
            <dt>{t('overlap')}</dt>
            <dd>{t(`overlaps.${s.overlap}`)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="schedule-next">
          <h2 id="schedule-next">{t('nextRuns')}</h2>
          {active && s.next_run_times && s.next_run_times.length > 0 ? (
            <ol className="next-runs">
              {s.next_run_times.map((time) => (
                <li key={time}>
                  <time dateTime={time}>{formatDateTime(time)}</time>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{active ? t('noNextRuns') : t('pausedNoRuns')}</p>
          )}
        </section>
      </div>
      <section aria-labelledby="schedule-history">
        <h2 id="schedule-history">{t('history.title')}</h2>
        <ErrorNote error={history.error} />
        {history.data ? <ScheduleHistory runs={history.data.items} /> : history.isPending ? <Loading /> : null}
      </section>
    </section>
  );
}
