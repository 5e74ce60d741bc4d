import { api } from '../../lib/api-client';
import type { Workflow } from './workflow-types';
import type { I18nTexts } from '../../lib/localized';

/** One template of `GET /api/v3/ai-workflows/templates`. */
export interface AiTemplate {
  name: string;
  workflow_type: string;
  title: string;
  description: string;
  /** Texts in other languages (`es`): name, description (and a template's inputs). */
  i18n?: I18nTexts;
  inputs: Record<string, { description: string; required: boolean; default?: unknown }>;
  steps: { id: string; type: string; name?: string }[];
}

/** The body of `POST /api/v3/ai-workflows`. */
export interface AiWorkflowRequest {
  name: string;
  workflow_type: string;
  template_name: string;
  input_data: Record<string, unknown>;
}

export function listAiTemplates(signal?: AbortSignal) {
  return api<{ items: AiTemplate[] }>('/api/v3/ai-workflows/templates', { signal });
}

export function createAiWorkflow(body: AiWorkflowRequest) {
  return api<Workflow>('/api/v3/ai-workflows', { method: 'POST', body });
}
