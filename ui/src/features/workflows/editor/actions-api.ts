import { api } from '../../../lib/api-client';
import type { JsonSchema } from '../../../components/schema-form/json-schema';
import type { I18nTexts } from '../../../lib/localized';

/** A step type as `GET /api/v3/actions` describes it. */
export interface ActionInfo {
  type: string;
  title: string;
  description: string;
  plugin: string;
  /** Texts in other languages (`es`): name, description (and a template's inputs). */
  i18n?: I18nTexts;
  input_schema: JsonSchema;
  output_schema: JsonSchema;
}

export const actionsKey = ['actions'] as const;

export async function listActions(signal?: AbortSignal): Promise<ActionInfo[]> {
  return (await api<{ items: ActionInfo[] }>('/api/v3/actions', { signal })).items;
}
