import { NotFoundError } from '@dwc/sdk';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../../engine/index.js';
import { classificationTemplate } from './classification.js';
import { contentGenerationTemplate } from './content-generation.js';
import { documentAnalysisTemplate } from './document-analysis.js';
import type { AiWorkflowTemplate } from './template-types.js';
import { summarizationTemplate } from './summarization.js';
import { translationTemplate } from './translation.js';

export type { AiWorkflowTemplate, TemplateInput } from './template-types.js';

/** Every AI workflow template, by name. */
export const aiWorkflowTemplates: readonly AiWorkflowTemplate[] = [
  contentGenerationTemplate,
  summarizationTemplate,
  documentAnalysisTemplate,
  translationTemplate,
  classificationTemplate,
];

export function findTemplate(name: string): AiWorkflowTemplate {
  const template = aiWorkflowTemplates.find((t) => t.name === name);
  if (!template) {
    throw new NotFoundError(`No AI workflow template "${name}"; templates: ${aiWorkflowTemplates.map((t) => t.name).join(', ')}.`, { code: 'template_not_found' });
  }
  return template;
}

/**
 * The workflow a template makes: an `inputs` step merging (template defaults < `inputData` <
 * execution input), then the template's steps, checked like any definition sent to the API.
 */
export function buildTemplateWorkflow(template: AiWorkflowTemplate, options: { name: string; description?: string | undefined; inputData: Record<string, unknown>; provider?: string | undefined; fallback?: string[] | undefined }): WorkflowDefinition {
  const defaults = Object.fromEntries(Object.entries(template.inputs).filter(([, input]) => input.default !== undefined).map(([key, input]) => [key, input.default]));
  return parseWorkflowDefinition({
    name: options.name,
    description: options.description ?? template.description,
    trigger: { type: 'manual' },
    ...(options.provider || options.fallback ? { ai: { ...(options.provider ? { provider: options.provider } : {}), ...(options.fallback ? { fallback: options.fallback } : {}) } } : {}),
    steps: [
      {
        id: 'inputs',
        name: 'Inputs',
        type: 'transform',
        input: { expression: '$merge([defaults, given, $type(run) = "object" ? run : {}])', data: { defaults, given: escapeTemplates(options.inputData), run: '{{ input }}' } },
      },
      ...template.steps,
    ],
  });
}

/** Values given at creation are data: their braces must not be read as templates. */
function escapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\{/g, '\\{');
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeTemplates(v)]));
  return value;
}
