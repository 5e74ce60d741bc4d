import { api } from '../../lib/api-client';
import type { WorkflowStep } from '../workflows/workflow-types';

export interface StepRun {
  id: string;
  status: string;
  attempts: number;
  input: unknown;
  output: unknown;
  output_size_bytes: number | null;
  output_url: string | null;
  error: { code: string; message: string; details?: unknown } | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface Execution {
  id: string;
  workflow_id: string;
  version: number;
  status: string;
  input: unknown;
  output: unknown;
  error: { code: string; message: string } | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  steps?: StepRun[];
}

export const executionKey = (id: string) => ['execution', id] as const;
const base = (id: string) => `/api/v3/workflows/executions/${encodeURIComponent(id)}`;

export function getExecution(id: string, signal?: AbortSignal) {
  return api<Execution>(base(id), { query: { steps_limit: 500 }, signal });
}

/** `GET /api/v3/workflows/executions`: every workflow's executions, newest first, by cursor. */
export type ExecutionFilters = { status: string; workflow_id: string; from?: string; to?: string };

/** The execution list's paged query, shared by the screen and the route that starts it while the screen's code loads. */
export function executionListQuery(filters: ExecutionFilters) {
  return {
    queryKey: ['executions', filters] as const,
    queryFn: ({ pageParam, signal }: { pageParam: string | undefined; signal: AbortSignal }) => listExecutions({ ...filters, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: { next_before: string | null }) => last.next_before ?? undefined,
  };
}

export function listExecutions(filters: { status?: string; workflow_id?: string; from?: string; to?: string; before?: string }, signal?: AbortSignal) {
  return api<{ items: Execution[]; next_before: string | null }>('/api/v3/workflows/executions', { query: { ...filters, limit: 100 }, signal });
}

export function cancelExecution(id: string) {
  return api<Execution>(`${base(id)}/cancel`, { method: 'POST', body: {} });
}

export function retryExecution(id: string) {
  return api<Execution>(`${base(id)}/retry`, { method: 'POST', body: {} });
}

export function rerunFrom(id: string, fromStep: string) {
  return api<Execution>(`${base(id)}/rerun`, { method: 'POST', body: { from_step: fromStep } });
}

/** A large output, fetched from the URL the step names (never inlined in the execution). */
export function stepOutput(url: string, signal?: AbortSignal) {
  return api<unknown>(url, { signal });
}

export function workflowVersion(workflowId: string, version: number, signal?: AbortSignal) {
  return api<{ definition: { name: string; steps: WorkflowStep[] } }>(`/api/v3/workflows/${encodeURIComponent(workflowId)}/versions/${version}`, { signal });
}
