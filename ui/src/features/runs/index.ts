import type { Feature } from '../../lib/feature';
import { runMessages } from './messages';

export const runsFeature: Feature = {
  id: 'runs',
  routes: [
    { path: '/runs', lazy: () => import('./run-list-screen').then((m) => ({ Component: m.RunListScreen })) },
    { path: '/runs/:id', lazy: () => import('./run-screen').then((m) => ({ Component: m.RunScreen })) },
  ],
  nav: [{ to: '/runs', label: 'nav' }],
  messages: runMessages,
};
