import { useQuery } from '@tanstack/react-query';
import { StatusBadge } from '../../components/status-badge';
import { lastRun, workflowKeys } from './workflows-api';

export function LastRunCell({ workflowId }: { workflowId: string }) {
  const { data } = useQuery({ queryKey: workflowKeys.lastRun(workflowId), queryFn: ({ signal }) => lastRun(workflowId, signal) });
  return <StatusBadge status={data === undefined ? 'pending' : (data?.status ?? null)} />;
}
