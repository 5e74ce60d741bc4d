import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { BrowserPushPanel } from './browser-push-panel';
import { INBOX_KEY } from './inbox-bell';
import { notificationsApi, type InboxMessage } from './notifications-api';

export function InboxList({ messages, onRead }: { messages: InboxMessage[]; onRead(id: string): void }) {
  const { t } = useTranslation('notifications');
  if (messages.length === 0) return <p className="muted">{t('inbox.empty')}</p>;
  return (
    <ul className="inbox">
      {messages.map((m) => (
        <li key={m.id} className={m.read_at ? 'read' : 'unread'}>
          <div>
            <strong>{m.subject ?? t('inbox.noSubject')}</strong>
            {!m.read_at && <span className="badge badge-queued">{t('inbox.new')}</span>}
            <p>{m.message}</p>
            <small className="muted">{formatDateTime(m.created_at)}</small>
          </div>
          {!m.read_at && (
            <button type="button" className="button ghost" onClick={() => onRead(m.id)} aria-label={t('inbox.markOne', { subject: m.subject ?? m.message.slice(0, 40) })}>
              {t('inbox.markRead')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The caller's in-app messages, newest first, with mark read and mark all read. */
export function InboxPanel() {
  const { t } = useTranslation('notifications');
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: [...INBOX_KEY, 'list'], queryFn: ({ signal }) => notificationsApi.inbox(signal) });
  const refresh = () => client.invalidateQueries({ queryKey: INBOX_KEY });
  const markRead = useMutation({ mutationFn: notificationsApi.markRead, onSuccess: refresh });
  const markAll = useMutation({ mutationFn: notificationsApi.markAllRead, onSuccess: refresh });
  const unread = inbox.data?.unread_count ?? 0;
  return (
    <>
      <div className="toolbar">
        <span role="status">{t('inbox.unread', { count: unread })}</span>
        <button type="button" className="button" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
          {t('inbox.markAll')}
        </button>
      </div>
      <ErrorNote error={inbox.error ?? markRead.error ?? markAll.error} />
      {inbox.isPending ? <Loading /> : <InboxList messages={inbox.data?.items ?? []} onRead={(id) => markRead.mutate(id)} />}
      <BrowserPushPanel />
    </>
  );
}
