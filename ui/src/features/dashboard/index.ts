import type { Feature } from '../../lib/feature';
import { dashboardMessages } from './messages';

export const dashboardFeature: Feature = {
  id: 'dashboard',
  routes: [
    { path: '/dashboard', lazy: () => import('./dashboard-screen').then((m) => ({ Component: m.DashboardScreen })) },
    { path: '/workflows/:id/analytics', lazy: () => import('./workflow-analytics-screen').then((m) => ({ Component: m.WorkflowAnalyticsScreen })) },
  ],
  nav: [{ to: '/dashboard', label: 'nav' }],
  messages: dashboardMessages,
};
