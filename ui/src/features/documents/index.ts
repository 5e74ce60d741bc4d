import type { Feature } from '../../lib/feature';
import { DocumentListScreen } from './document-list-screen';
import { documentMessages } from './messages';

export const documentsFeature: Feature = {
  id: 'documents',
  routes: [
    { path: '/documents', Component: DocumentListScreen },
    { path: '/documents/:id', lazy: () => import('./document-screen').then((m) => ({ Component: m.DocumentScreen })) },
  ],
  nav: [{ to: '/documents', label: 'nav' }],
  messages: documentMessages,
};
