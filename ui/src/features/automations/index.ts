import type { Feature } from '../../lib/feature';
import { automationMessages } from './messages';

const editScreen = () => import('./automation-edit-screen').then((m) => ({ Component: m.AutomationEditScreen }));

export const automationsFeature: Feature = {
  id: 'automations',
  routes: [
    { path: '/automations', lazy: () => import('./automations-screen').then((m) => ({ Component: m.AutomationsScreen })) },
    { path: '/automations/new', lazy: editScreen },
    { path: '/automations/:id', lazy: () => import('./automation-screen').then((m) => ({ Component: m.AutomationScreen })) },
    { path: '/automations/:id/edit', lazy: editScreen },
  ],
  nav: [{ to: '/automations', label: 'nav' }],
  messages: automationMessages,
};
