import type { Feature } from '../../lib/feature';
import { automationMessages } from './messages';

export const automationsFeature: Feature = {
  id: 'automations',
  routes: [{ path: '/automations', lazy: () => import('./automations-screen').then((m) => ({ Component: m.AutomationsScreen })) }],
  nav: [{ to: '/automations', label: 'nav' }],
  messages: automationMessages,
};
