import { api } from '../../lib/api-client';
import { useAuth } from '../../lib/auth-store';

export interface DocumentSummary {
  id: string;
  title: string;
  format: 'text' | 'markdown' | 'html' | 'json';
  metadata: Record<string, unknown>;
  execution_id: string | null;
  workflow_id: string | null;
  step_id: string | null;
  parent_id: string | null;
  size_bytes: number;
  created_at: string;
}

export interface DocumentFull extends DocumentSummary {
  content: string;
}

export const documentKeys = {
  list: (q: string) => ['documents', 'list', q] as const,
  search: (q: string) => ['documents', 'search', q] as const,
  one: (id: string) => ['documents', 'one', id] as const,
  lineage: (id: string) => ['documents', 'lineage', id] as const,
};

export function listDocuments(q: string, before: string | undefined, signal?: AbortSignal) {
  return api<{ items: DocumentSummary[]; next_before: string | null }>('/api/v3/documents', { query: { q, before, limit: 50 }, signal });
}

export function semanticSearch(q: string, signal?: AbortSignal) {
  return api<{ items: { score: number; document: DocumentSummary }[] }>('/api/v3/documents/search', { query: { q, limit: 20 }, signal });
}

export function getDocument(id: string, signal?: AbortSignal) {
  return api<DocumentFull>(`/api/v3/documents/${encodeURIComponent(id)}`, { signal });
}

export function getLineage(id: string, signal?: AbortSignal) {
  return api<{ document: DocumentSummary; ancestors: DocumentSummary[]; descendants: DocumentSummary[] }>(`/api/v3/documents/${encodeURIComponent(id)}/lineage`, { signal });
}

/** Fetches the export with the session's token and hands it to the browser as a download. */
export async function downloadExport(doc: DocumentSummary, format: 'md' | 'html' | 'json'): Promise<void> {
  const res = await fetch(`/api/v3/documents/${encodeURIComponent(doc.id)}/export?format=${format}`, {
    headers: { authorization: `Bearer ${useAuth.getState().accessToken ?? ''}` },
  });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${doc.title.replace(/[^\w.-]+/g, '_').slice(0, 80) || doc.id}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
