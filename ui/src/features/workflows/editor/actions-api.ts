import { api } from '../../../lib/api-client';
import type { JsonSchema } from '../../../components/schema-form/json-schema';

/** A step type as `GET /api/v3/actions` describes it. */
export interface ActionInfo {
  type: string;
  title: string;
  description: string;
  plugin: string;
  input_schema: JsonSchema;
  output_schema: JsonSchema;
}

export const actionsKey = ['actions'] as const;

export async function listActions(signal?: AbortSignal): Promise<ActionInfo[]> {
  return (await api<{ items: ActionInfo[] }>('/api/v3/actions', { signal })).items;
}
