import type { JsonSchema } from '../../../components/schema-form/json-schema';
import type { WorkflowStep } from '../workflow-types';
import type { ActionInfo } from './actions-api';

function paths(prefix: string, schema: JsonSchema | undefined, depth: number, out: string[]) {
  out.push(prefix);
  if (!schema || depth === 0) return;
  for (const variant of [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const [key, child] of Object.entries(variant.properties ?? {})) paths(`${prefix}.${key}`, child, depth - 1, out);
  }
}

/** What a template in `stepId` may read: `input.*` names already used, and every other step's output fields. */
export function templateCompletions(steps: readonly WorkflowStep[], stepId: string, actions: ReadonlyMap<string, ActionInfo>): string[] {
  const out = new Set<string>(['input']);
  const used = JSON.stringify(steps.map((s) => [s.input, s.when, s.for_each]));
  for (const match of used.matchAll(/\binput\.([A-Za-z_][\w.]*)/g)) out.add(`input.${match[1]}`);
  for (const step of steps) {
    if (step.id === stepId) continue;
    const list: string[] = [];
    paths(`steps.${step.id}.output`, actions.get(step.type)?.output_schema, 2, list);
    for (const p of list) out.add(p);
  }
  return [...out];
}
