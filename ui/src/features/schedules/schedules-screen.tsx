import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/dialog';
import { useCan } from '../../lib/roles';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { ScheduleForm } from './schedule-form';
import { ScheduleTable } from './schedule-table';
import { deleteSchedule, listSchedules, scheduleKeys, setSchedulePaused, type Schedule } from './schedules-api';

/** Every schedule: when it runs next, pause/resume, delete, and a new one. */
export function SchedulesScreen() {
  const { t } = useTranslation('schedules');
  const client = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const canWrite = useCan('schedules:write');
  const schedules = useQuery({ queryKey: scheduleKeys.list, queryFn: ({ signal }) => listSchedules(signal) });
  const refresh = () => client.invalidateQueries({ queryKey: ['schedules'] });
  const pause = useMutation({ mutationFn: ({ id, paused }: { id: string; paused: boolean }) => setSchedulePaused(id, paused), onSettled: refresh });
  const remove = useMutation({ mutationFn: (id: string) => deleteSchedule(id), onSuccess: () => setDeleting(null), onSettled: refresh });

  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <div className="toolbar">
        <p className="muted">{t('intro')}</p>
        <span className="spacer" />
        {canWrite && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('create.open')}
          </button>
        )}
      </div>
      <ErrorNote error={schedules.error ?? pause.error} />
      {schedules.data ? (
        <ScheduleTable items={schedules.data.items} canWrite={canWrite} busy={pause.isPending} onPause={(s, paused) => pause.mutate({ id: s.id, paused })} onDelete={setDeleting} />
      ) : schedules.isPending ? (
        <Loading />
      ) : null}
      <Dialog open={creating} onOpenChange={setCreating} title={t('create.title')} description={t('create.description')}>
        {creating && (
          <ScheduleForm
            onCreated={(schedule) => {
              setCreating(false);
              void navigate(`/schedules/${schedule.id}`);
            }}
          />
        )}
      </Dialog>
      <Dialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)} title={t('delete.title', { name: deleting?.name ?? '' })} description={t('delete.description')}>
        {deleting && (
          <>
            {deleting.status === 'active' && deleting.next_run_at ? <p>{t('delete.next', { when: formatDateTime(deleting.next_run_at) })}</p> : null}
            <ErrorNote error={remove.error} />
            <div className="toolbar">
              <span className="spacer" />
              <button type="button" className="ghost" onClick={() => setDeleting(null)}>
                {t('delete.cancel')}
              </button>
              <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(deleting.id)}>
                {remove.isPending ? t('delete.deleting') : t('delete.confirm')}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}
