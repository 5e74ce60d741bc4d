import type { Feature } from '../../lib/feature';
import { runMessages } from './messages';

export const runsFeature: Feature = {
  id: 'runs',
  routes: [{ path: '/runs/:id', lazy: () => import('./run-screen').then((m) => ({ Component: m.RunScreen })) }],
  messages: runMessages,
};
