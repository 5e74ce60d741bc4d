import type { I18nTexts } from '../../lib/localized';
import type { JsonSchema } from '../../components/schema-form/json-schema';
import { api } from '../../lib/api-client';

export interface VariantOdds {
  variant: string;
  alpha: number;
  beta: number;
  pulls: number;
  mean: number;
  chosen_probability: number;
}

export interface Automation {
  id: string;
  name: string;
  description: string | null;
  trigger: { type: string; conditions: Record<string, unknown> };
  actions: AutomationAction[];
  ai_decision_making: boolean;
  learning_enabled: boolean;
  enabled: boolean;
  decision?: { confidence_threshold: number; approvers: string[]; provider?: string };
  workflow_id?: string;
  variant_odds: { action_index: number; variants: VariantOdds[] }[];
}

export interface AutomationAction {
  type: string;
  parameters?: Record<string, unknown>;
  variants?: { id: string; parameters: Record<string, unknown> }[];
}

/** What `POST /api/v3/automations` and `PUT /{id}` take. */
export interface AutomationBody {
  name: string;
  description?: string;
  trigger: { type: string; conditions: Record<string, unknown> };
  actions: AutomationAction[];
  ai_decision_making: boolean;
  learning_enabled: boolean;
  decision?: { confidence_threshold: number; approvers: string[]; provider?: string };
  enabled: boolean;
}

/** An action type of `GET /api/v3/automations/actions`, its parameters as JSON Schema. */
export interface ActionType {
  type: string;
  step_type: string;
  title: string;
  description: string;
  /** Title (`name`) and description in other languages; the parameters' texts are in the schema. */
  i18n?: I18nTexts;
  parameters_schema: JsonSchema;
}

export interface AutomationTemplate {
  name: string;
  description: string;
  i18n?: I18nTexts;
  automation: Partial<AutomationBody>;
}

export interface AutomationRun {
  id: string;
  execution_id: string | null;
  status: string;
  matched: boolean;
  conditions: { field: string; expected: unknown; actual: unknown; matched: boolean }[];
  decision: { decided_by?: string; decision?: string; reason?: string; confidence?: number | null; fallback_reason?: string } | null;
  actions: { index: number; type: string; variant: string | null; run: boolean; status: string }[];
  created_at: string;
}

export const automationsKey = ['automations'] as const;
export const automationKey = (id: string) => ['automations', id] as const;
export const formSourcesKey = ['automations', 'form-sources'] as const;
export const runsKey = (id: string) => ['automations', id, 'runs'] as const;
const base = (id: string) => `/api/v3/automations/${encodeURIComponent(id)}`;

export const listAutomations = (signal?: AbortSignal) => api<{ items: Automation[] }>('/api/v3/automations', { signal });
export const listRuns = (id: string, signal?: AbortSignal) => api<{ items: AutomationRun[] }>(`${base(id)}/runs`, { signal });
export const getAutomation = (id: string, signal?: AbortSignal) => api<Automation>(base(id), { signal });
export const createAutomation = (body: AutomationBody) => api<Automation>('/api/v3/automations', { method: 'POST', body });
export const updateAutomation = (id: string, body: AutomationBody) => api<Automation>(base(id), { method: 'PUT', body });
export const deleteAutomation = (id: string) => api<unknown>(base(id), { method: 'DELETE' });
export const listTemplates = (signal?: AbortSignal) => api<{ items: AutomationTemplate[] }>('/api/v3/automations/templates', { signal });
/** `POST /{id}/feedback`: a run's outcome as a score in [0, 1], which moves the odds of the variants it used. */
export const sendFeedback = (id: string, runId: string, score: number) => api<unknown>(`${base(id)}/feedback`, { method: 'POST', body: { run_id: runId, score } });

/** What the form is drawn from: the action types with their parameter schemas, and the create body's schema (trigger types, decision settings) from the OpenAPI document. */
export async function formSources(signal?: AbortSignal): Promise<{ actions: ActionType[]; body: JsonSchema }> {
  const [actions, doc] = await Promise.all([
    api<{ items: ActionType[] }>('/api/v3/automations/actions', { signal }),
    api<{ paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: JsonSchema }> } } }> }>('/openapi.json', { signal, auth: false }),
  ]);
  return { actions: actions.items, body: doc.paths['/api/v3/automations']?.post?.requestBody?.content['application/json']?.schema ?? { type: 'object', properties: {} } };
}
/** `POST /{id}/trigger`: runs the automation on this trigger data now; answers the run. */
export const triggerAutomation = (id: string, triggerData: Record<string, unknown>) => api<AutomationRun>(`${base(id)}/trigger`, { method: 'POST', body: { trigger_data: triggerData, context: {} } });
