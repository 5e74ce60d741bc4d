import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { live } from '../../lib/live-events';
import { notificationsApi } from './notifications-api';

export const INBOX_KEY = ['notifications', 'inbox'] as const;

/** The header's link to the inbox with the unread count, fresh on every `notification.*` event. */
export function InboxBell() {
  const { t } = useTranslation('notifications');
  const client = useQueryClient();
  const unread = useQuery({ queryKey: [...INBOX_KEY, 'unread'], queryFn: ({ signal }) => notificationsApi.unreadCount(signal) });
  useEffect(
    () =>
      live.listen((event) => {
        if (event.type.startsWith('notification.') || event.type === 'live.connected') void client.invalidateQueries({ queryKey: INBOX_KEY });
      }),
    [client],
  );
  const count = unread.data ?? 0;
  return (
    <Link to="/notifications/inbox" className="button ghost inbox-bell" aria-label={t('bell', { count })}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span className="count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
