import { fieldPath, InputError, readableIssues, type z } from '@dwc/sdk';
import type { ActionCatalog } from '../actions/action-catalog.js';
import type { WorkflowStep } from '../engine/index.js';
import { splitTemplates, underTemplate, type FieldPath } from '../engine/templates/split-templates.js';
import { suggestTypes } from './suggest-types.js';

/** One problem found in a step at save time. */
export interface StepProblem {
  /** The step's id. */
  step: string;
  /** `type`, or the input field (`input.duration_ms`). */
  field: string;
  message: string;
}

export interface StepCheck {
  /** Steps whose type no plugin (nor the engine) provides. */
  unknownTypes: StepProblem[];
  /** Input fields that cannot be right whatever the templates give. */
  inputs: StepProblem[];
}

/**
 * Checks each step's input against its action's input schema as far as it is known before the
 * run: literal values, unknown keys, required fields left out. A field holding a template is
 * decided at run time, so its value is not judged; leaving a required field out is.
 */
export function checkStepInputs(steps: readonly Pick<WorkflowStep, 'id' | 'type' | 'input'>[], catalog: Pick<ActionCatalog, 'get' | 'types'>): StepCheck {
  const check: StepCheck = { unknownTypes: [], inputs: [] };
  for (const step of steps) {
    const stepType = catalog.get(step.type);
    if (stepType === undefined) {
      check.unknownTypes.push({ step: step.id, field: 'type', message: unknownTypeMessage(step.type, catalog.types()) });
      continue;
    }
    const { literal, templates } = splitTemplates(step.input);
    let parsed;
    try {
      parsed = stepType.input.safeParse(literal);
    } catch {
      continue; // A refinement that throws on a value it does not expect: only the run can tell.
    }
    if (parsed.success) continue;
    const issues = excuseTemplates(parsed.error.issues, templates, []);
    for (const issue of readableIssues(issues, { schema: stepType.input, input: literal })) {
      check.inputs.push({ step: step.id, field: fieldPath(['input', ...issue.path]), message: issue.message });
    }
  }
  return check;
}

/**
 * Drops the issues about values templates decide, at `base` and below. A union is excused when
 * one of its alternatives has nothing left against it.
 */
function excuseTemplates(issues: readonly z.core.$ZodIssue[], templates: readonly FieldPath[], base: readonly PropertyKey[]): z.core.$ZodIssue[] {
  const kept: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (underTemplate(path, templates)) continue;
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const options = issue.errors.map((optionIssues) => excuseTemplates(optionIssues, templates, path));
      if (options.some((remaining) => remaining.length === 0)) continue;
      kept.push({ ...issue, errors: options } as z.core.$ZodIssue);
      continue;
    }
    kept.push(issue);
  }
  return kept;
}

function unknownTypeMessage(type: string, known: readonly string[]): string {
  const close = suggestTypes(type, known);
  const hint = close.length > 0 ? `did you mean ${close.map((t) => `"${t}"`).join(' or ')}?` : `the known types are ${known.map((t) => `"${t}"`).join(', ')}`;
  return `no action "${type}" is registered (is the plugin that provides it installed and enabled?); ${hint}`;
}

/**
 * The error to answer a save with, or undefined when every step passed: `action_not_found` when
 * a step's type is unknown, else `invalid_step_input`. `details` lists every problem as
 * `{ step, field, message }`; the message names the first few.
 */
export function stepCheckError(check: StepCheck, steps: readonly Pick<WorkflowStep, 'id' | 'type'>[]): InputError | undefined {
  const problems = [...check.unknownTypes, ...check.inputs];
  if (problems.length === 0) return undefined;
  const typeOf = new Map(steps.map((step) => [step.id, step.type]));
  const shown = problems.slice(0, 5).map((problem) => `step "${problem.step}" (${typeOf.get(problem.step) ?? '?'}), ${problem.field}: ${problem.message}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more (see details)` : '';
  return new InputError(`${shown.join('; ')}${more}.`, {
    code: check.unknownTypes.length > 0 ? 'action_not_found' : 'invalid_step_input',
    details: problems,
  });
}
