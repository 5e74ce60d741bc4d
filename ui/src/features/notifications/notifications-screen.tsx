import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { useAuth } from '../../lib/auth-store';
import { roleAtLeast, type Role } from '../../lib/roles';
import { ChannelsPanel } from './channels-panel';
import { HistoryPanel } from './history-panel';
import { InboxPanel } from './inbox-panel';
import { notificationsApi } from './notifications-api';
import { TemplatesPanel } from './templates-panel';

/** The tabs and the least role that may open each (the API's `notifications:*` permissions). */
const TABS = [
  { id: 'inbox', minRole: 'viewer' },
  { id: 'history', minRole: 'viewer' },
  { id: 'templates', minRole: 'viewer' },
  { id: 'channels', minRole: 'viewer' },
] as const satisfies readonly { id: string; minRole: Role }[];

/** Notifications: the caller's inbox, the history of every send, templates and channels. */
export function NotificationsScreen() {
  const { t } = useTranslation('notifications');
  const role = useAuth((s) => s.user?.role);
  const tabs = TABS.filter((tab) => roleAtLeast(role, tab.minRole));
  const { tab: asked } = useParams();
  const tab = tabs.find((x) => x.id === asked)?.id ?? 'inbox';
  const channels = useQuery({ queryKey: ['notifications', 'channels'], queryFn: ({ signal }) => notificationsApi.channels(signal), enabled: tab !== 'inbox' });
  const channelTypes = (channels.data ?? []).map((c) => c.type);
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <nav aria-label={t('tabs')}>
        <ul className="nav">
          {tabs.map((x) => (
            <li key={x.id}>
              <NavLink to={`/notifications/${x.id}`} aria-current={x.id === tab ? 'page' : undefined}>
                {t(`${x.id}.title`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t(`${tab}.title`)}</h2>
      {tab !== 'inbox' && <ErrorNote error={channels.error} />}
      {tab === 'inbox' && <InboxPanel />}
      {tab === 'history' && <HistoryPanel channels={channelTypes} />}
      {tab === 'templates' && <TemplatesPanel channels={channelTypes} canWrite={roleAtLeast(role, 'editor')} />}
      {tab === 'channels' && <ChannelsPanel channels={channels.data ?? []} canAdmin={roleAtLeast(role, 'admin')} />}
    </section>
  );
}
