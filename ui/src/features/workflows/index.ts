import type { Feature } from '../../lib/feature';
import { workflowMessages } from './messages';
import { WorkflowListScreen } from './workflow-list-screen';

export const workflowsFeature: Feature = {
  id: 'workflows',
  routes: [
    { path: '/workflows', Component: WorkflowListScreen },
    { path: '/workflows/new', lazy: () => import('./editor/editor-screen').then((m) => ({ Component: m.EditorScreen })) },
    { path: '/workflows/:id', lazy: () => import('./editor/editor-screen').then((m) => ({ Component: m.EditorScreen })) },
  ],
  nav: [{ to: '/workflows', label: 'nav' }],
  messages: workflowMessages,
};
