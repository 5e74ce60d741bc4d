import type { I18nTexts } from '@dwc/sdk';
import type { WorkflowStep } from '../../engine/index.js';

/** One input a template reads, as `{{ steps.inputs.output.result.<name> }}` in its steps. */
export interface TemplateInput {
  description: string;
  required?: boolean;
  default?: unknown;
}

/**
 * An AI workflow template: plain data. Its steps become a normal workflow after an `inputs` step
 * that merges the values given at creation (`input_data`) and at execution over the defaults.
 */
export interface AiWorkflowTemplate {
  name: string;
  /** The `workflow_type` it makes. */
  workflowType: string;
  title: string;
  description: string;
  inputs: Record<string, TemplateInput>;
  /** Name, description and each input's description (`fields.<input>.description`) in other languages. */
  i18n: I18nTexts;
  steps: Array<Omit<WorkflowStep, 'concurrency' | 'continue_on_error' | 'input'> & { input: Record<string, unknown> }>;
}

/** Where template steps read their merged inputs. */
export const IN = 'steps.inputs.output.result';
