import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';

let ajv: Ajv | undefined;
/** Ajv is required on the first schema check, not at start: most processes never check one. */
function newValidator(): Ajv {
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as { Ajv: typeof Ajv };
  return new AjvClass({ allErrors: true, strict: false });
}

/** Parses a model's answer as JSON: the whole text, else a fenced ```json block, else the outermost {...} or [...]. */
export function parseJsonAnswer(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const object = /[{[][\s\S]*[}\]]/.exec(text);
  if (object) candidates.push(object[0]);
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch {
      // try the next shape
    }
  }
  return { ok: false, problem: 'the answer is not JSON' };
}

/** Checks `value` against a JSON Schema; returns the problems, empty when it matches. */
export function schemaProblems(schema: Record<string, unknown>, value: unknown): string[] {
  let validate;
  try {
    validate = (ajv ??= newValidator()).compile(schema);
  } catch (error) {
    return [`the JSON schema is invalid: ${(error as Error).message}`];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

/** A system message asking for JSON only, for providers without native structured output. */
export function jsonInstruction(schema: Record<string, unknown>): string {
  return `Answer with one JSON value only, no prose and no code fence, matching this JSON Schema:\n${JSON.stringify(schema)}`;
}
