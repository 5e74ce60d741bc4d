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
    if (event.type.startsWith('execution.') || event.type.startsWith('step.')) {
      if (event.execution_id) void queryClient.invalidateQueries({ queryKey: ['execution', event.execution_id] });
      if (event.type.startsWith('execution.')) {
        void queryClient.invalidateQueries({ queryKey: ['executions'] });
        void queryClient.invalidateQueries({ queryKey: ['workflows'] });
      }
    }
    if (event.type.startsWith('document.')) void queryClient.invalidateQueries({ queryKey: ['documents'] });
  });
}
