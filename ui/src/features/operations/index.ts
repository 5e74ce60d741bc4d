import type { Feature } from '../../lib/feature';
import { operationsMessages } from './messages';

export const operationsFeature: Feature = {
  id: 'operations',
  routes: [
    { path: '/operations', lazy: () => import('./operations-screen').then((m) => ({ Component: m.OperationsScreen })) },
    { path: '/operations/:section', lazy: () => import('./operations-screen').then((m) => ({ Component: m.OperationsScreen })) },
    { path: '/account/mfa', lazy: () => import('./mfa-screen').then((m) => ({ Component: m.MfaScreen })) },
  ],
  nav: [{ to: '/operations', label: 'nav' }],
  messages: operationsMessages,
};
