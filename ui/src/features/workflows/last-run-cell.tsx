import { Link } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../lib/format';
import type { WorkflowListItem } from './workflow-types';

/** The workflow's newest run as the list carries it: its status, linked to the run, and when it started. */
export function LastRunCell({ last }: { last: WorkflowListItem['last_execution'] }) {
  if (last === null) return <StatusBadge status={null} />;
  return (
    <Link to={`/runs/${last.id}`} className="last-run">
      <StatusBadge status={last.status} /> <time dateTime={last.started_at ?? last.created_at}>{formatDateTime(last.started_at ?? last.created_at)}</time>
    </Link>
  );
}
