import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
type TaskStatus = (typeof STATUSES)[number];

export interface Task {
  id: string;
  name: string;
  task_type: string;
  status: TaskStatus;
  error: { code: string; message: string } | null;
  attempts: number;
  cancel_requested: boolean;
  created_at: string;
}

type Counts = Record<TaskStatus, number>;
export interface TaskStats {
  tasks: Counts;
  worker: { id: string; concurrency: number; active: number };
}

const listTasks = (status: string, signal?: AbortSignal) =>
  api<{ items: Task[] }>('/api/v3/background/tasks', { query: { status, limit: 100 }, signal }).then((r) => r.items);
const taskStats = (signal?: AbortSignal) => api<TaskStats>('/api/v3/background/service/stats', { signal });
const cancelTask = (id: string) => api<Task>(`/api/v3/background/tasks/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {} });

/** Counts per state and the worker's load, then the tasks with a cancel button for live ones. */
export function TasksView({ tasks, stats, canCancel, onCancel }: { tasks: Task[]; stats: TaskStats | undefined; canCancel: boolean; onCancel(id: string): void }) {
  const { t, i18n } = useTranslation('operations');
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <>
      {stats && (
        <dl className="facts" aria-label={t('tasks.stats')}>
          {STATUSES.map((s) => (
            <div key={s}>
              <dt>{t(`tasks.states.${s}`)}</dt>
              <dd>{number.format(stats.tasks[s])}</dd>
            </div>
          ))}
          <div>
            <dt>{t('tasks.worker')}</dt>
            <dd>{t('tasks.load', { active: stats.worker.active, concurrency: stats.worker.concurrency })}</dd>
          </div>
        </dl>
      )}
      {tasks.length === 0 ? <p className="muted">{t('tasks.none')}</p> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tasks.name')}</th>
              <th scope="col">{t('tasks.type')}</th>
              <th scope="col">{t('tasks.status')}</th>
              <th scope="col">{t('tasks.created')}</th>
              {canCancel && <th scope="col">{t('plugins.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id}>
                <th scope="row">{task.name}</th>
                <td>{task.task_type}</td>
                <td>
                  <StatusBadge status={task.status} />
                  {task.error && <p className="error-note">{task.error.message}</p>}
                </td>
                <td>{formatDateTime(task.created_at)}</td>
                {canCancel && (
                  <td>
                    {(task.status === 'queued' || task.status === 'running') && !task.cancel_requested && (
                      <button type="button" className="button ghost" onClick={() => onCancel(task.id)} aria-label={t('tasks.cancelOne', { name: task.name })}>{t('tasks.cancel')}</button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function TasksPanel({ canCancel }: { canCancel: boolean }) {
  const { t } = useTranslation('operations');
  const client = useQueryClient();
  const [status, setStatus] = useState('');
  const tasks = useQuery({ queryKey: ['ops', 'tasks', status], queryFn: ({ signal }) => listTasks(status, signal), refetchInterval: 10_000 });
  const stats = useQuery({ queryKey: ['ops', 'task-stats'], queryFn: ({ signal }) => taskStats(signal), refetchInterval: 10_000 });
  const cancel = useMutation({ mutationFn: cancelTask, onSuccess: () => client.invalidateQueries({ queryKey: ['ops'] }) });
  return (
    <>
      <div className="toolbar">
      <label className="field">
        <span>{t('tasks.status')}</span>
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('audit.any')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`tasks.states.${s}`)}</option>)}
        </select>
      </label>
      </div>
      <ErrorNote error={tasks.error ?? stats.error ?? cancel.error} />
      {tasks.isPending ? <Loading /> : <TasksView tasks={tasks.data ?? []} stats={stats.data} canCancel={canCancel} onCancel={(id) => cancel.mutate(id)} />}
    </>
  );
}
