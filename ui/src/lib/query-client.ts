import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';
import { live } from './live-events';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

/** Server state stays fresh by events, not polling: each event marks the queries it changes stale. */
export function invalidateOnEvents(): () => void {
  return live.listen((event) => {
    if (event.type === 'ai.token') return;
    // step.* events are applied in place by the run view (features/runs); a refetch per step would flood the server.
    if (event.type.startsWith('execution.')) {
      if (event.execution_id) void queryClient.invalidateQueries({ queryKey: ['execution', event.execution_id] });
      void queryClient.invalidateQueries({ queryKey: ['executions'] });
      // The workflow list carries each workflow's last run; a fetch already under way is not restarted.
      void queryClient.invalidateQueries({ queryKey: ['workflows', 'list'] }, { cancelRefetch: false });
    }
    if (event.type.startsWith('document.')) void queryClient.invalidateQueries({ queryKey: ['documents'] });
  });
}
