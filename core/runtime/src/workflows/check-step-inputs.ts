import { fieldPath, InputError, readableIssues, zodParseOptions, type IssueLanguage, type z } from '@dwc/sdk';
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
export function checkStepInputs(steps: readonly Pick<WorkflowStep, 'id' | 'type' | 'input'>[], catalog: Pick<ActionCatalog, 'get' | 'types'>, language: IssueLanguage = 'en'): StepCheck {
  const check: StepCheck = { unknownTypes: [], inputs: [] };
  for (const step of steps) {
    const stepType = catalog.get(step.type);
    if (stepType === undefined) {
      check.unknownTypes.push({ step: step.id, field: 'type', message: unknownTypeMessage(step.type, catalog.types(), language) });
      continue;
    }
    const { literal, templates } = splitTemplates(step.input);
    let parsed;
    try {
      parsed = stepType.input.safeParse(literal, zodParseOptions(language));
    } catch {
      continue; // A refinement that throws on a value it does not expect: only the run can tell.
    }
    if (parsed.success) continue;
    const issues = excuseTemplates(parsed.error.issues, templates, []);
    for (const issue of readableIssues(issues, { schema: stepType.input, input: literal, language })) {
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

/** The words of the save-time messages, per language (the field messages come from `readableIssues`). */
const WORDS = {
  en: {
    noAction: (type: string) => `no action "${type}" is registered (is the plugin that provides it installed and enabled?)`,
    didYouMean: (types: string) => `did you mean ${types}?`,
    or: ' or ',
    known: (types: string) => `the known types are ${types}`,
    step: (id: string, type: string, field: string, message: string) => `step "${id}" (${type}), ${field}: ${message}`,
    more: (n: number) => `; and ${n} more (see details)`,
  },
  es: {
    noAction: (type: string) => `no hay ninguna acción "${type}" registrada (¿está instalado y activado el plugin que la ofrece?)`,
    didYouMean: (types: string) => `¿querías decir ${types}?`,
    or: ' o ',
    known: (types: string) => `los tipos conocidos son ${types}`,
    step: (id: string, type: string, field: string, message: string) => `paso "${id}" (${type}), ${field}: ${message}`,
    more: (n: number) => `; y ${n} más (ver details)`,
  },
} satisfies Record<IssueLanguage, unknown>;

function unknownTypeMessage(type: string, known: readonly string[], language: IssueLanguage): string {
  const words = WORDS[language];
  const close = suggestTypes(type, known);
  const hint = close.length > 0 ? words.didYouMean(close.map((t) => `"${t}"`).join(words.or)) : words.known(known.map((t) => `"${t}"`).join(', '));
  return `${words.noAction(type)}; ${hint}`;
}

/**
 * The error to answer a save with, or undefined when every step passed: `action_not_found` when
 * a step's type is unknown, else `invalid_step_input`. `details` lists every problem as
 * `{ step, field, message }`; the message names the first few.
 */
export function stepCheckError(check: StepCheck, steps: readonly Pick<WorkflowStep, 'id' | 'type'>[], language: IssueLanguage = 'en'): InputError | undefined {
  const problems = [...check.unknownTypes, ...check.inputs];
  if (problems.length === 0) return undefined;
  const words = WORDS[language];
  const typeOf = new Map(steps.map((step) => [step.id, step.type]));
  const shown = problems.slice(0, 5).map((problem) => words.step(problem.step, typeOf.get(problem.step) ?? '?', problem.field, problem.message));
  const more = problems.length > shown.length ? words.more(problems.length - shown.length) : '';
  return new InputError(`${shown.join('; ')}${more}.`, {
    code: check.unknownTypes.length > 0 ? 'action_not_found' : 'invalid_step_input',
    details: problems,
    language,
  });
}
