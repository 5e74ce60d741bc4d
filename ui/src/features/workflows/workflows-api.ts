import { api } from '../../lib/api-client';
import type { Execution, Workflow, WorkflowDefinition, WorkflowListItem } from './workflow-types';

export const workflowKeys = {
  list: (search: string) => ['workflows', 'list', search] as const,
  one: (id: string) => ['workflows', 'one', id] as const,
  versions: (id: string) => ['workflows', 'versions', id] as const,
};

export function listWorkflows(search: string, signal?: AbortSignal) {
  return api<{ items: WorkflowListItem[]; total: number }>('/api/v3/workflows', { query: { search, limit: 200 }, signal });
}

export function getWorkflow(id: string, signal?: AbortSignal) {
  return api<Workflow>(`/api/v3/workflows/${encodeURIComponent(id)}`, { signal });
}

export function createWorkflow(definition: WorkflowDefinition) {
  return api<Workflow>('/api/v3/workflows', { method: 'POST', body: definition });
}

export function updateWorkflow(id: string, definition: WorkflowDefinition) {
  return api<Workflow>(`/api/v3/workflows/${encodeURIComponent(id)}`, { method: 'PUT', body: definition });
}

export function executeWorkflow(id: string, input: Record<string, unknown>) {
  return api<Execution>(`/api/v3/workflows/${encodeURIComponent(id)}/execute`, { method: 'POST', body: input });
}

export function listVersions(id: string, signal?: AbortSignal) {
  return api<{ items: { version: number; name: string; created_at: string }[] }>(`/api/v3/workflows/${encodeURIComponent(id)}/versions`, { signal });
}

export function getVersion(id: string, version: number, signal?: AbortSignal) {
  return api<{ version: number; definition: WorkflowDefinition }>(`/api/v3/workflows/${encodeURIComponent(id)}/versions/${version}`, { signal });
}
