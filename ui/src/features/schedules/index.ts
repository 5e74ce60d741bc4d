import type { Feature } from '../../lib/feature';
import { scheduleMessages } from './messages';

export const schedulesFeature: Feature = {
  id: 'schedules',
  routes: [
    { path: '/schedules', lazy: () => import('./schedules-screen').then((m) => ({ Component: m.SchedulesScreen })) },
    { path: '/schedules/:id', lazy: () => import('./schedule-screen').then((m) => ({ Component: m.ScheduleScreen })) },
  ],
  nav: [{ to: '/schedules', label: 'nav' }],
  messages: scheduleMessages,
};
