import { mayBeTemplate, parseTemplate } from './parse-template.js';

export type FieldPath = (string | number)[];

/** A step input as known before it runs. */
export interface KnownInput {
  /**
   * The input as far as it is known: escapes resolved (`\{` -> `{`) as the action will see them,
   * and each template's value `undefined` (its key kept, so an unknown key is still seen; no
   * refinement runs on a template's text).
   */
  literal: unknown;
  /** Paths of the strings holding a `{{ expression }}` or `{placeholder}`: their value is only known at run time. */
  templates: FieldPath[];
}

/** Separates what a step's input says outright from what its templates decide at run time. */
export function splitTemplates(value: unknown): KnownInput {
  const templates: FieldPath[] = [];
  const literal = walk(value, [], templates);
  return { literal, templates };
}

function walk(value: unknown, path: FieldPath, templates: FieldPath[]): unknown {
  if (typeof value === 'string') {
    if (!mayBeTemplate(value)) return value;
    let parts;
    try {
      parts = parseTemplate(value);
    } catch {
      // An unclosed `{{` is reported by the definition's compile check.
      templates.push(path);
      return undefined;
    }
    if (parts.some((part) => part.kind !== 'text')) {
      templates.push(path);
      return undefined;
    }
    return parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
  }
  if (Array.isArray(value)) return value.map((element, index) => walk(element, [...path, index], templates));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, walk(element, [...path, key], templates)]));
  }
  return value;
}

/** Whether `path` is a template's path or lies under one. */
export function underTemplate(path: readonly PropertyKey[], templates: readonly FieldPath[]): boolean {
  return templates.some((template) => template.length <= path.length && template.every((key, index) => String(key) === String(path[index])));
}
