import type { Feature } from '../../lib/feature';
import { approvalMessages } from './messages';

export const approvalsFeature: Feature = {
  id: 'approvals',
  routes: [{ path: '/approvals', lazy: () => import('./approvals-screen').then((m) => ({ Component: m.ApprovalsScreen })) }],
  nav: [{ to: '/approvals', label: 'nav' }],
  messages: approvalMessages,
};
