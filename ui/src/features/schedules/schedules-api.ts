import type { JsonSchema } from '../../components/schema-form/json-schema';
import { api } from '../../lib/api-client';

export const scheduleKinds = ['cron', 'interval', 'daily', 'weekly', 'monthly'] as const;
export type ScheduleKind = (typeof scheduleKinds)[number];

/** A schedule as the scheduler routes answer it. */
export interface Schedule {
  id: string;
  name: string;
  kind: ScheduleKind;
  timing: Record<string, unknown>;
  timezone: string;
  workflow_id: string | null;
  payload: Record<string, unknown> | null;
  source: 'api' | 'workflow';
  status: 'active' | 'paused';
  missed_runs: string;
  overlap: string;
  next_run_at: string | null;
  next_run_times?: string[];
  created_at: string;
}

export interface ScheduleRun {
  id: string;
  planned_at: string;
  fired_at: string;
  delay_ms: number;
  status: 'started' | 'skipped';
  reason: string | null;
  target: 'execution' | 'task' | 'event';
  target_id: string | null;
}

export const scheduleKeys = {
  list: ['schedules', 'list'] as const,
  one: (id: string) => ['schedules', 'one', id] as const,
  history: (id: string) => ['schedules', 'history', id] as const,
  createSchemas: ['schedules', 'create-schemas'] as const,
};

const base = '/api/v3/scheduler/schedules';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const listSchedules = (signal?: AbortSignal) => api<{ items: Schedule[]; next_before: string | null }>(base, { query: { limit: 500 }, signal });
export const getSchedule = (id: string, signal?: AbortSignal) => api<Schedule>(one(id), { signal });
export const scheduleHistory = (id: string, signal?: AbortSignal) => api<{ items: ScheduleRun[]; next_before: string | null }>(`${one(id)}/history`, { query: { limit: 100 }, signal });
export const createSchedule = (kind: ScheduleKind, body: Record<string, unknown>) => api<Schedule>(`${base}/${kind}`, { method: 'POST', body });
export const setSchedulePaused = (id: string, paused: boolean) => api<Schedule>(`${one(id)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
export const deleteSchedule = (id: string) => api<void>(one(id), { method: 'DELETE' });

/** The create body of each kind, from the OpenAPI document (`<Kind>ScheduleCreate`): the schema the API validates with. */
export async function createSchemas(signal?: AbortSignal): Promise<Record<ScheduleKind, JsonSchema>> {
  const doc = await api<{ components: { schemas: Record<string, JsonSchema> } }>('/openapi.json', { signal, auth: false });
  const entries = scheduleKinds.map((kind) => [kind, doc.components.schemas[`${kind[0]!.toUpperCase()}${kind.slice(1)}ScheduleCreate`] ?? { type: 'object', properties: {} }]);
  return Object.fromEntries(entries) as Record<ScheduleKind, JsonSchema>;
}
