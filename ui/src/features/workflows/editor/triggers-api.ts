import type { JsonSchema } from '../../../components/schema-form/json-schema';
import { api } from '../../../lib/api-client';
import type { Workflow } from '../workflow-types';
import type { I18nTexts } from '../../../lib/localized';

/** A trigger type as `GET /api/v3/triggers` describes it. */
export interface TriggerInfo {
  type: string;
  title: string;
  description: string;
  plugin: string;
  /** Texts in other languages (`es`): name, description (and a template's inputs). */
  i18n?: I18nTexts;
  settings_schema: JsonSchema;
}

export const triggersKey = ['triggers'] as const;

export async function listTriggers(signal?: AbortSignal): Promise<TriggerInfo[]> {
  return (await api<{ items: TriggerInfo[] }>('/api/v3/triggers', { signal })).items;
}

/** Turns the workflow's saved trigger on or off (`PATCH /api/v3/workflows/{id}`). */
export function setWorkflowActive(id: string, active: boolean) {
  return api<Workflow>(`/api/v3/workflows/${encodeURIComponent(id)}`, { method: 'PATCH', body: { active } });
}
