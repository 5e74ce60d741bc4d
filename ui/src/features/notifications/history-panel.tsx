import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { NOTIFICATION_STATUSES, notificationsApi, type Notification } from './notifications-api';

const BADGE: Record<Notification['status'], string> = { queued: 'queued', sending: 'running', delivered: 'succeeded', failed: 'failed', uncertain: 'waiting' };

export function NotificationStatus({ status }: { status: Notification['status'] }) {
  const { t } = useTranslation('notifications');
  return <span className={`badge badge-${BADGE[status]}`}>{t(`statuses.${status}`)}</span>;
}

function AttemptsDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation('notifications');
  const detail = useQuery({
    queryKey: ['notifications', 'one', id],
    queryFn: ({ signal }) => notificationsApi.get(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'queued' || query.state.data?.status === 'sending' ? 2_000 : false),
  });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('history.attemptsOf', { recipient: detail.data?.recipient ?? '' })}>
      <ErrorNote error={detail.error} />
      {detail.isPending ? <Loading /> : detail.data && (
        <>
          <p>
            <NotificationStatus status={detail.data.status} /> {detail.data.subject && <strong>{detail.data.subject}</strong>}
          </p>
          <p className="preview-text">{detail.data.message}</p>
          {detail.data.next_attempt_at && <p className="muted">{t('history.nextAttempt', { at: formatDateTime(detail.data.next_attempt_at) })}</p>}
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('history.started')}</th>
                <th scope="col">{t('history.outcome')}</th>
                <th scope="col">{t('history.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.data.delivery_attempts.map((a) => (
                <tr key={a.attempt}>
                  <td>{a.attempt}</td>
                  <td>{formatDateTime(a.started_at)}</td>
                  <td>{t(`attempts.${a.status}`)}</td>
                  <td>
                    {a.http_status !== null && <span>HTTP {a.http_status} </span>}
                    {a.error?.message ?? a.provider_message_id ?? ''}
                    {a.retry_after_ms !== null && <span className="muted"> · {t('history.retryAfter', { seconds: Math.round(a.retry_after_ms / 1000) })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  );
}

export function HistoryTable({ items, onOpen }: { items: Notification[]; onOpen(id: string): void }) {
  const { t } = useTranslation('notifications');
  if (items.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('history.recipient')}</th>
          <th scope="col">{t('history.channel')}</th>
          <th scope="col">{t('history.status')}</th>
          <th scope="col">{t('history.attempts')}</th>
          <th scope="col">{t('history.created')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((n) => (
          <tr key={n.id}>
            <th scope="row">
              <button type="button" className="link-button" onClick={() => onOpen(n.id)}>
                {n.recipient}
              </button>
              <div className="muted">{n.subject ?? n.message.slice(0, 80)}</div>
            </th>
            <td>{n.channel}</td>
            <td>
              <NotificationStatus status={n.status} />
              {n.last_error && n.status !== 'delivered' && <p className="error-note">{n.last_error.message}</p>}
            </td>
            <td>{t('history.attemptCount', { attempts: n.attempts, max: n.max_attempts })}</td>
            <td>{formatDateTime(n.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every notification sent, filtered by channel, status and recipient; a row opens its attempts. */
export function HistoryPanel({ channels }: { channels: string[] }) {
  const { t } = useTranslation('notifications');
  const [filters, setFilters] = useState({ channel: '', status: '', recipient: '' });
  const [open, setOpen] = useState<string | null>(null);
  const history = useInfiniteQuery({
    queryKey: ['notifications', 'history', filters],
    queryFn: ({ pageParam, signal }) => notificationsApi.history(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_before ?? undefined,
    refetchInterval: 5_000,
  });
  const rows = history.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  return (
    <>
      <div className="toolbar">
        <label className="field">
          <span>{t('history.channel')}</span>
          <select value={filters.channel} onChange={set('channel')}>
            <option value="">{t('any')}</option>
            {channels.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('history.status')}</span>
          <select value={filters.status} onChange={set('status')}>
            <option value="">{t('any')}</option>
            {NOTIFICATION_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('history.recipient')}</span>
          <input type="search" value={filters.recipient} onChange={set('recipient')} />
        </label>
      </div>
      <ErrorNote error={history.error} />
      {history.isPending ? <Loading /> : <HistoryTable items={rows} onOpen={setOpen} />}
      {history.hasNextPage && (
        <div className="toolbar">
          <button type="button" className="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? t('history.loadingMore') : t('history.loadMore')}
          </button>
        </div>
      )}
      {open && <AttemptsDialog id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
