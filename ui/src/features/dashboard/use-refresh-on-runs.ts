import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { live } from '../../lib/live-events';

const ENDED = /^execution\.(succeeded|failed|cancelled)$/;

/** Refetches the queries under `key` when a run ends (of `workflowId` only, when given) or the live socket (re)connects. */
export function useRefreshOnRuns(key: readonly unknown[], workflowId?: string): void {
  const client = useQueryClient();
  const serialized = JSON.stringify(key);
  useEffect(
    () =>
      live.listen((event) => {
        const ended = ENDED.test(event.type) && (workflowId === undefined || event.workflow_id === workflowId);
        if (ended || event.type === 'live.connected') void client.invalidateQueries({ queryKey: JSON.parse(serialized) as unknown[] });
      }),
    [client, serialized, workflowId],
  );
}
