import { CAPABILITY_ID, InputError, describeZodError, toFieldErrors, z } from '@dwc/sdk';
import { findCycle } from './graph/find-cycle.js';
import { resolveDependencies } from './graph/resolve-dependencies.js';
import { retryPolicySchema } from './retry-policy.js';
import { workflowSettingsSchema } from './workflow-settings.js';
import { compileCheck, compileCheckExpression } from './templates/compile-check.js';
import type { TemplateIssue } from './templates/compile-check.js';
import { workflowNotifySchema } from '../notify/workflow-notify.js';

const STEP_ID = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

/** One step. Unknown keys are refused, so a misspelt `depends_on` cannot silently become a chain. */
export const workflowStepSchema = z
  .strictObject({
    id: z.string().regex(STEP_ID, 'must start with a letter and hold at most 64 letters, digits, "_" or "-"'),
    name: z.string().min(1).max(200).optional(),
    type: z.string().regex(CAPABILITY_ID, 'must be an action type such as "http.request" or "ai.generate"'),
    input: z.record(z.string(), z.unknown()).default(() => ({})),
    depends_on: z.array(z.string()).max(500).optional(),
    when: z.string().min(1).max(10_000).optional(),
    for_each: z.string().min(1).max(10_000).optional(),
    concurrency: z.int().min(1).max(100).default(4),
    retry: retryPolicySchema.optional(),
    timeout_ms: z.int().min(1).max(86_400_000).optional(),
    continue_on_error: z.boolean().default(false),
  })
  .superRefine((step, ctx) => {
    const report = (field: string, issues: TemplateIssue[]): void => {
      for (const issue of issues) ctx.addIssue({ code: 'custom', path: [field, ...issue.path], message: issue.message });
    };
    if (step.when !== undefined) report('when', compileCheckExpression(step.when));
    if (step.for_each !== undefined) report('for_each', compileCheckExpression(step.for_each));
    report('input', compileCheck(step.input));
  });

/** What fires the workflow: `{ type, ...settings }`; the trigger plugin validates the settings. */
export const workflowTriggerSchema = z.looseObject({ type: z.string().min(1).max(200) });

/** AI settings of a workflow: the provider its AI steps use and the chain to fall back on. */
export const workflowAiSchema = z.strictObject({
  provider: z.string().regex(CAPABILITY_ID, 'must be an AI provider type such as "openai" or "local"').optional(),
  fallback: z.array(z.string().regex(CAPABILITY_ID, 'must be an AI provider type such as "ollama"')).max(10).optional(),
});

/**
 * A workflow definition as clients send it (API.md, "Workflows and executions"). Beyond the
 * shape, it checks the graph (unique ids, known dependencies, no cycles) and that every
 * expression compiles, each problem at its field path (`steps.2.depends_on.0`).
 */
export const workflowDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).optional(),
    trigger: workflowTriggerSchema.default(() => ({ type: 'manual' })),
    steps: z.array(workflowStepSchema).min(1).max(500),
    ai: workflowAiSchema.optional(),
    notify: workflowNotifySchema.optional(),
    settings: workflowSettingsSchema.optional(),
  })
  .superRefine((definition, ctx) => {
    for (const issue of validateWorkflowGraph(definition.steps)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type WorkflowDefinition = z.output<typeof workflowDefinitionSchema>;
export type WorkflowStep = z.output<typeof workflowStepSchema>;
export type WorkflowTrigger = z.output<typeof workflowTriggerSchema>;

/** A graph problem at a path from the definition's root. */
export interface GraphIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks the steps as a graph: ids unique, `depends_on` naming other existing steps (once each),
 * and no cycle, counting the implicit "follows the step before" edges. Returns every problem.
 */
export function validateWorkflowGraph(steps: readonly { id: string; depends_on?: readonly string[] | undefined }[]): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const firstIndex = new Map<string, number>();
  steps.forEach((step, index) => {
    const first = firstIndex.get(step.id);
    if (first === undefined) firstIndex.set(step.id, index);
    else issues.push({ path: ['steps', index, 'id'], message: `duplicate step id "${step.id}" (also steps.${first}.id)` });
  });

  steps.forEach((step, index) => {
    const seen = new Set<string>();
    step.depends_on?.forEach((dependency, position) => {
      const path = ['steps', index, 'depends_on', position];
      if (dependency === step.id) issues.push({ path, message: `a step cannot depend on itself ("${dependency}")` });
      else if (!firstIndex.has(dependency)) issues.push({ path, message: `no step has id "${dependency}"` });
      else if (seen.has(dependency)) issues.push({ path, message: `"${dependency}" is listed more than once` });
      seen.add(dependency);
    });
  });

  if (firstIndex.size === steps.length) {
    const cycle = findCycle(
      steps.map((step) => step.id),
      resolveDependencies(steps),
    );
    if (cycle) {
      const explicit = cycle.find((id) => steps[firstIndex.get(id) ?? -1]?.depends_on !== undefined) ?? cycle[0] ?? '';
      const index = firstIndex.get(explicit) ?? 0;
      issues.push({ path: ['steps', index, 'depends_on'], message: `steps form a cycle: ${cycle.join(' -> ')}` });
    }
  }
  return issues;
}

/**
 * Parses and checks a definition from a request body. Throws InputError (`invalid_workflow`)
 * whose `details` map each field path to its messages.
 */
export function parseWorkflowDefinition(body: unknown): WorkflowDefinition {
  const parsed = workflowDefinitionSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const context = { schema: workflowDefinitionSchema, input: body };
  throw new InputError(`Invalid workflow definition: ${describeZodError(parsed.error, context)}`, {
    code: 'invalid_workflow',
    details: toFieldErrors(parsed.error, context),
  });
}
