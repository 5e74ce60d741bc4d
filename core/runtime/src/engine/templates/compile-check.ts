import { defaultExpressionEvaluator } from '../expressions/default-evaluator.js';
import { ExpressionError } from '../expressions/expression-error.js';
import { parseTemplate } from './parse-template.js';
import { unwrapExpression } from './evaluate-condition.js';

/** A template problem found without running anything; `path` is relative to the checked value. */
export interface TemplateIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Compiles every `{{ }}` expression inside `template` (objects and arrays recursively) without
 * evaluating any, and lists each failure at its path. An empty list means all compile.
 */
export function compileCheck(template: unknown): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  walk(template, [], issues);
  return issues;
}

/** Compiles a `when` or `for_each` expression (bare or wrapped in `{{ }}`) without evaluating it. */
export function compileCheckExpression(expression: string): TemplateIssue[] {
  try {
    defaultExpressionEvaluator().compile(unwrapExpression(expression));
    return [];
  } catch (error) {
    return [issueFrom(error, [])];
  }
}

function walk(value: unknown, path: (string | number)[], issues: TemplateIssue[]): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    try {
      for (const part of parseTemplate(value)) if (part.kind === 'expression') defaultExpressionEvaluator().compile(part.source);
    } catch (error) {
      issues.push(issueFrom(error, path));
    }
  } else if (Array.isArray(value)) {
    value.forEach((element, index) => walk(element, [...path, index], issues));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, element] of Object.entries(value)) walk(element, [...path, key], issues);
  }
}

function issueFrom(error: unknown, path: (string | number)[]): TemplateIssue {
  if (error instanceof ExpressionError) return { path, message: error.message };
  throw error;
}
