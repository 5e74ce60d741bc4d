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
  actions: { type: string }[];
  ai_decision_making: boolean;
  learning_enabled: boolean;
  enabled: boolean;
  variant_odds: { action_index: number; variants: VariantOdds[] }[];
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
export const runsKey = (id: string) => ['automations', id, 'runs'] as const;
const base = (id: string) => `/api/v3/automations/${encodeURIComponent(id)}`;

export const listAutomations = (signal?: AbortSignal) => api<{ items: Automation[] }>('/api/v3/automations', { signal });
export const listRuns = (id: string, signal?: AbortSignal) => api<{ items: AutomationRun[] }>(`${base(id)}/runs`, { signal });
/** `POST /{id}/feedback`: a run's outcome, which moves the odds of the variants it used. */
export const sendFeedback = (id: string, runId: string, success: boolean) => api<unknown>(`${base(id)}/feedback`, { method: 'POST', body: { run_id: runId, success } });
/** `POST /{id}/trigger`: runs the automation on this trigger data now; answers the run. */
export const triggerAutomation = (id: string, triggerData: Record<string, unknown>) => api<AutomationRun>(`${base(id)}/trigger`, { method: 'POST', body: { trigger_data: triggerData, context: {} } });
