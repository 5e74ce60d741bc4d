import { api } from '../../lib/api-client';

/** An open approval step the signed-in person may decide (`GET /api/v3/approvals`). */
export interface Approval {
  execution_id: string;
  step_id: string;
  message: string | null;
  approvers: string[];
  created_at: string;
  timeout_at: string | null;
}

export type Decision = 'approve' | 'reject';

export const approvalsKey = ['approvals'] as const;

export function listApprovals(signal?: AbortSignal) {
  return api<{ items: Approval[] }>('/api/v3/approvals', { signal });
}

/** `POST .../steps/{step_id}/approve` or `/reject`; the execution then resumes. */
export function decideApproval(approval: Pick<Approval, 'execution_id' | 'step_id'>, decision: Decision, comment: string) {
  const path = `/api/v3/workflows/executions/${encodeURIComponent(approval.execution_id)}/steps/${encodeURIComponent(approval.step_id)}/${decision}`;
  return api<{ decision: string }>(path, { method: 'POST', body: comment ? { comment } : {} });
}
