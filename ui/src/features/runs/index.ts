import type { Feature } from '../../lib/feature';
import { queryClient } from '../../lib/query-client';
import { runMessages } from './messages';
import { executionListQuery } from './runs-api';

export const runsFeature: Feature = {
  id: 'runs',
  routes: [
    {
      path: '/runs',
      // The first page is asked for while the screen's code loads, not after.
      loader: ({ request }) => {
        const params = new URL(request.url).searchParams;
        void queryClient.prefetchInfiniteQuery(executionListQuery({ status: params.get('status') ?? '', workflow_id: params.get('workflow_id') ?? '', from: undefined, to: undefined }));
        return null;
      },
      lazy: () => import('./run-list-screen').then((m) => ({ Component: m.RunListScreen })),
    },
    { path: '/runs/:id', lazy: () => import('./run-screen').then((m) => ({ Component: m.RunScreen })) },
  ],
  nav: [{ to: '/runs', label: 'nav' }],
  messages: runMessages,
};
