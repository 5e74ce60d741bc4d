import type { Feature } from '../../lib/feature';
import { InboxBell } from './inbox-bell';
import { notificationMessages } from './messages';

const screen = () => import('./notifications-screen').then((m) => ({ Component: m.NotificationsScreen }));

export const notificationsFeature: Feature = {
  id: 'notifications',
  routes: [
    { path: '/notifications', lazy: screen },
    { path: '/notifications/:tab', lazy: screen },
  ],
  nav: [{ to: '/notifications', label: 'nav' }],
  header: [InboxBell],
  messages: notificationMessages,
};
