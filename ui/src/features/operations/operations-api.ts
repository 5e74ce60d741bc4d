import { api } from '../../lib/api-client';
import type { Role } from '../../lib/roles';
import type { I18nTexts } from '../../lib/localized';

export interface Plugin {
  name: string;
  version: string;
  description: string;
  kinds: string[];
  state: 'active' | 'disabled' | 'failed';
  error?: string;
  error_code?: string;
  config_schema?: Record<string, unknown>;
  /** Texts in other languages (`es`): name, description (and a template's inputs). */
  i18n?: I18nTexts;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  mfa_enabled: boolean;
  disabled: boolean;
}

export interface AuditRecord {
  seq: number;
  id: string;
  occurred_at: string;
  action: string;
  outcome: 'success' | 'failure';
  actor_label: string | null;
  actor: string | null;
  target: string | null;
}

export interface AuditFilter {
  actor: string;
  action: string;
  outcome: '' | 'success' | 'failure';
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  first_bad?: { seq: number; reason: string };
}

export interface Readiness {
  status: 'ok' | 'degraded' | 'down';
  checks: { name: string; status: 'ok' | 'degraded' | 'down'; latency_ms: number; detail?: string }[];
}

export const opsKeys = {
  plugins: ['ops', 'plugins'] as const,
  apiKeys: ['ops', 'api-keys'] as const,
  users: ['ops', 'users'] as const,
  audit: (filter: AuditFilter) => ['ops', 'audit', filter] as const,
  health: ['ops', 'health'] as const,
};

const plugin = (name: string) => `/api/v3/plugins/${encodeURIComponent(name)}`;

export const listPlugins = (signal?: AbortSignal) => api<{ plugins: Plugin[] }>('/api/v3/plugins', { signal }).then((r) => r.plugins);
export const setPluginEnabled = (name: string, enabled: boolean) => api<Plugin>(`${plugin(name)}/${enabled ? 'enable' : 'disable'}`, { method: 'POST', body: {} });
export const pluginConfig = (name: string, signal?: AbortSignal) => api<Record<string, unknown>>(`${plugin(name)}/config`, { signal });
export const configurePlugin = (name: string, config: Record<string, unknown>) => api<unknown>(`${plugin(name)}/config`, { method: 'PUT', body: config });

export const listApiKeys = (signal?: AbortSignal) => api<{ items: ApiKey[] }>('/api/v3/security/api-keys', { signal }).then((r) => r.items);
export const createApiKey = (body: { name: string; scopes: string[] }) => api<ApiKey & { key: string }>('/api/v3/security/api-keys', { method: 'POST', body });
export const revokeApiKey = (id: string) => api<unknown>(`/api/v3/security/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const listUsers = (signal?: AbortSignal) => api<{ items: User[] }>('/api/v3/auth/users', { signal }).then((r) => r.items);
export const createUser = (body: { email: string; password: string; role: Role; name?: string }) => api<User>('/api/v3/auth/users', { method: 'POST', body });
export const updateUser = (id: string, body: { role?: Role; disabled?: boolean }) => api<User>(`/api/v3/auth/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const listAudit = (filter: AuditFilter, signal?: AbortSignal) =>
  api<{ items: AuditRecord[] }>('/api/v3/security/audit/logs', { query: { ...filter, limit: 100 }, signal }).then((r) => r.items);
export const verifyAudit = () => api<ChainReport>('/api/v3/security/audit/verify');

/** Readiness answers 503 with the same body when something is down: read it either way. */
export async function getHealth(signal?: AbortSignal): Promise<Readiness> {
  const res = await fetch('/api/v3/health', { signal, headers: { accept: 'application/json' } });
  return (await res.json()) as Readiness;
}
